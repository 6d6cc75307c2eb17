package dev.fleetform.compiler.promql;

/** One lexed item: its type, 0-based start offset in the expression, and its text. */
record Token(TokenType type, int pos, String val) {

    /** goyacc's number for {@code @} in Prometheus 2.42, which it prints for want of a name. */
    private static final String AT_DESCRIPTION = "\"<Item 57385>\" <op:@>";

    int end() {
        return pos + val.length();
    }

    /** How Prometheus names this item after "unexpected " ({@code Item.desc()} in lex.go). */
    String describe() {
        return switch (type.kind) {
            case END -> "end of input";
            case NAMED -> type.text + " " + GoText.quote(val);
            case VALUE -> type.text + " " + shortQuote();
            case PUNCTUATION, PREPROCESSOR -> shortQuote();
            case OPERATOR -> type == TokenType.AT ? AT_DESCRIPTION : "<op:" + val + ">";
            case AGGREGATOR -> "<aggr:" + val + ">";
            case KEYWORD -> "<" + val + ">";
        };
    }

    /** {@code Item.String()} for plain items: quoted, cut to 10 characters when longer. */
    private String shortQuote() {
        if (val.length() <= 10) return GoText.quote(val);
        return GoText.quote(val.substring(0, val.offsetByCodePoints(0, Math.min(10, val.codePointCount(0, val.length()))))) + "...";
    }
}
