package dev.fleetform.compiler.load;

/** Positions in a YAML text as SnakeYAML gives them: 1-based lines and columns, columns in code points. */
final class TextPosition {

    private static final char NEL = 0x85;
    private static final char LINE_SEPARATOR = 0x2028;
    private static final char PARAGRAPH_SEPARATOR = 0x2029;

    private TextPosition() {
    }

    /** The index of {@code line:column} in {@code text}, or -1 past its end. */
    static int offset(String text, int line, int column) {
        int n = text.length();
        int i = 0;
        for (int ln = 1; ln < line; ln++) {
            while (i < n && !isBreak(text.charAt(i))) i++;
            if (i == n) return -1;
            i += text.charAt(i) == '\r' && i + 1 < n && text.charAt(i + 1) == '\n' ? 2 : 1;
        }
        for (int col = 1; col < column && i < n; col++) i += Character.charCount(text.codePointAt(i));
        return i < n ? i : -1;
    }

    /** A line break to SnakeYAML. */
    static boolean isBreak(char c) {
        return c == '\n' || c == '\r' || c == NEL || c == LINE_SEPARATOR || c == PARAGRAPH_SEPARATOR;
    }
}
