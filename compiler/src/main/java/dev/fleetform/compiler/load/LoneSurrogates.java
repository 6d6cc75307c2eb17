package dev.fleetform.compiler.load;

/**
 * Half of a UTF-16 surrogate pair left alone in a loaded text. YAML's double-quoted escapes
 * ({@code \\u} with 4 hex digits, {@code \\U} with 8) can write one, and SnakeYAML keeps it; every
 * other way into a text is decoded UTF-8, which has none. This finds them, and the escape in the
 * source that wrote one, so the error points at it.
 */
final class LoneSurrogates {

    /** An escape as written, at its 1-based line and column (columns count code points, as SnakeYAML does). */
    record Escape(String text, int line, int column) {
    }

    private LoneSurrogates() {
    }

    /** Whether {@code s} holds a surrogate that is not part of a high-low pair. */
    static boolean in(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!Character.isSurrogate(c)) continue;
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else {
                return true;
            }
        }
        return false;
    }

    /**
     * The first escape that leaves a lone surrogate in the double-quoted scalar of the node that
     * starts at {@code line:column} of {@code source} (after its tag or anchor, if any), or null.
     */
    static Escape escapeIn(String source, int line, int column) {
        int i = TextPosition.offset(source, line, column);
        if (i < 0) return null;
        int n = source.length();
        int col = column;
        while (i < n && source.charAt(i) != '"') {
            if (TextPosition.isBreak(source.charAt(i))) return null; // not a double-quoted scalar
            i += Character.charCount(source.codePointAt(i));
            col++;
        }
        if (i == n) return null;
        i++;
        col++;
        int ln = line;
        Escape high = null; // a high-surrogate escape waiting for its low half
        while (i < n) {
            char c = source.charAt(i);
            if (c == '"') return high;
            if (c == '\\' && i + 1 < n && (source.charAt(i + 1) == 'u' || source.charAt(i + 1) == 'U')) {
                int digits = source.charAt(i + 1) == 'u' ? 4 : 8;
                int end = Math.min(n, i + 2 + digits);
                Escape escape = new Escape(source.substring(i, end), ln, col);
                int code = hex(source, i + 2, end);
                if (code >= Character.MIN_LOW_SURROGATE && code <= Character.MAX_LOW_SURROGATE) {
                    if (high == null) return escape;
                    high = null;
                } else if (high != null) {
                    return high;
                } else if (code >= Character.MIN_HIGH_SURROGATE && code <= Character.MAX_HIGH_SURROGATE) {
                    high = escape;
                }
                col += end - i;
                i = end;
                continue;
            }
            if (high != null) return high;
            if (c == '\\' && i + 1 < n && !TextPosition.isBreak(source.charAt(i + 1))) {
                i += 2; // any other escape, e.g. \" or \\
                col += 2;
            } else if (c == '\\') {
                i++;
                col++;
            } else if (TextPosition.isBreak(c)) {
                i += c == '\r' && i + 1 < n && source.charAt(i + 1) == '\n' ? 2 : 1;
                ln++;
                col = 1;
            } else {
                i += Character.charCount(source.codePointAt(i));
                col++;
            }
        }
        return high;
    }

    /** The hex value of {@code s[from, to)}, or -1 when it is not hex. */
    private static int hex(String s, int from, int to) {
        int code = 0;
        for (int i = from; i < to; i++) {
            int d = Character.digit(s.charAt(i), 16);
            if (d < 0 || code > 0x10FFFF) return -1;
            code = code * 16 + d;
        }
        return code;
    }
}
