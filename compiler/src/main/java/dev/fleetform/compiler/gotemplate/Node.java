package dev.fleetform.compiler.gotemplate;

/**
 * What the parser keeps of a parse-tree node: enough to decide Go's parse errors (a node's kind,
 * and its text where a message prints it). No tree is built: nothing is executed.
 *
 * @param text for a text node its text; for a literal, {@code {{end}}} or {@code {{else}}} what
 *             Go's {@code String()} prints; otherwise empty
 */
record Node(Type type, String text) {

    enum Type {
        TEXT, ACTION, BOOL, CHAIN, DOT, FIELD, IDENTIFIER, IF, NIL, NUMBER, PIPE, RANGE, STRING,
        TEMPLATE, VARIABLE, WITH, BREAK, CONTINUE, END, ELSE
    }

    static final Node END = new Node(Type.END, "{{end}}");
    static final Node ELSE = new Node(Type.ELSE, "{{else}}");

    static Node of(Type type) {
        return new Node(type, "");
    }

    /** Go's {@code IsEmptyTree} for a node of a template's top-level list: only blank text is empty. */
    boolean empty() {
        return type == Type.TEXT && goTrimSpace(text).isEmpty();
    }

    /** {@code bytes.TrimSpace}: Unicode white space at both ends. */
    private static String goTrimSpace(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isGoSpace(s.charAt(start))) start++;
        while (end > start && isGoSpace(s.charAt(end - 1))) end--;
        return s.substring(start, end);
    }

    /** {@code unicode.IsSpace}. */
    private static boolean isGoSpace(char c) {
        return switch (c) {
            case '\t', '\n', 0x0B, '\f', '\r', ' ', 0x85, 0xA0 -> true;
            default -> c > 0xFF && Character.isSpaceChar(c);
        };
    }
}
