package dev.fleetform.compiler.emit;

/**
 * The style SnakeYAML's Emitter writes a block-context scalar in, for {@link FastYamlGenerator}:
 * its analyzeScalar and chooseScalarStyle, ported for scalars of printable ASCII only, which are
 * nearly all of them. Anything else is {@link #SNAKEYAML}'s to style and write.
 */
enum YamlScalarStyle {
    PLAIN, SINGLE_QUOTED, DOUBLE_QUOTED,
    /** Not all printable ASCII: a line break, a control or a non-ASCII character. */
    SNAKEYAML;

    /**
     * The style of a scalar Jackson requested plain or double-quoted: a quoted request stays
     * double-quoted; a plain one is plain where the Emitter allows it, else single-quoted.
     */
    static YamlScalarStyle of(String text, boolean doubleQuoted) {
        int n = text.length();
        boolean plain = true;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7E) return SNAKEYAML;
            // block indicators: ": " or ":" at the end, " #", and spaces at either end
            if (c == ':') plain &= i + 1 < n && text.charAt(i + 1) != ' ';
            else if (c == '#') plain &= i > 0 && text.charAt(i - 1) != ' ';
            else if (c == ' ') plain &= i > 0 && i < n - 1;
        }
        return doubleQuoted ? DOUBLE_QUOTED : plain && plainAtStart(text) ? PLAIN : SINGLE_QUOTED;
    }

    /** The rest of the block indicators: how the scalar starts. */
    private static boolean plainAtStart(String s) {
        if (s.isEmpty()) return true;
        return switch (s.charAt(0)) {
            case '#', ',', '[', ']', '{', '}', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`' -> false;
            case '?' -> s.length() > 1 && s.charAt(1) != ' ';
            case '-' -> s.length() > 1 && s.charAt(1) != ' ' && !s.startsWith("---");
            case '.' -> !s.startsWith("...");
            case '0' -> !hasLeadingZero(s);
            default -> true;
        };
    }

    /** The Emitter's hasLeadingZero: "0" followed only by digits and underscores, like an octal. */
    private static boolean hasLeadingZero(String s) {
        if (s.length() < 2) return false;
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < '0' || c > '9') && c != '_') return false;
        }
        return true;
    }
}
