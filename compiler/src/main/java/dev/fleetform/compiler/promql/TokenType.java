package dev.fleetform.compiler.promql;

/**
 * The lexer's item types, named as in Prometheus' {@code generated_parser.y}. The kind decides how
 * a token is described in "unexpected ..." messages, exactly as {@code Item.desc()} does.
 */
enum TokenType {
    EOF(Kind.END, null),
    IDENTIFIER(Kind.NAMED, "identifier"),
    METRIC_IDENTIFIER(Kind.NAMED, "metric identifier"),
    NUMBER(Kind.VALUE, "number"),
    STRING(Kind.VALUE, "string"),
    DURATION(Kind.VALUE, "duration"),

    LEFT_PAREN(Kind.PUNCTUATION, "("),
    RIGHT_PAREN(Kind.PUNCTUATION, ")"),
    LEFT_BRACE(Kind.PUNCTUATION, "{"),
    RIGHT_BRACE(Kind.PUNCTUATION, "}"),
    LEFT_BRACKET(Kind.PUNCTUATION, "["),
    RIGHT_BRACKET(Kind.PUNCTUATION, "]"),
    COMMA(Kind.PUNCTUATION, ","),
    EQL(Kind.PUNCTUATION, "="),
    COLON(Kind.PUNCTUATION, ":"),

    ADD(Kind.OPERATOR, "+"),
    DIV(Kind.OPERATOR, "/"),
    EQLC(Kind.OPERATOR, "=="),
    EQL_REGEX(Kind.OPERATOR, "=~"),
    GTE(Kind.OPERATOR, ">="),
    GTR(Kind.OPERATOR, ">"),
    LAND(Kind.OPERATOR, "and"),
    LOR(Kind.OPERATOR, "or"),
    LSS(Kind.OPERATOR, "<"),
    LTE(Kind.OPERATOR, "<="),
    LUNLESS(Kind.OPERATOR, "unless"),
    MOD(Kind.OPERATOR, "%"),
    MUL(Kind.OPERATOR, "*"),
    NEQ(Kind.OPERATOR, "!="),
    NEQ_REGEX(Kind.OPERATOR, "!~"),
    POW(Kind.OPERATOR, "^"),
    SUB(Kind.OPERATOR, "-"),
    /** Prometheus 2.42 has no display string for {@code @}: it prints its goyacc token number. */
    AT(Kind.OPERATOR, null),
    ATAN2(Kind.OPERATOR, "atan2"),

    AVG(Kind.AGGREGATOR, "avg"),
    BOTTOMK(Kind.AGGREGATOR, "bottomk"),
    COUNT(Kind.AGGREGATOR, "count"),
    COUNT_VALUES(Kind.AGGREGATOR, "count_values"),
    GROUP(Kind.AGGREGATOR, "group"),
    MAX(Kind.AGGREGATOR, "max"),
    MIN(Kind.AGGREGATOR, "min"),
    QUANTILE(Kind.AGGREGATOR, "quantile"),
    STDDEV(Kind.AGGREGATOR, "stddev"),
    STDVAR(Kind.AGGREGATOR, "stdvar"),
    SUM(Kind.AGGREGATOR, "sum"),
    TOPK(Kind.AGGREGATOR, "topk"),

    BOOL(Kind.KEYWORD, "bool"),
    BY(Kind.KEYWORD, "by"),
    GROUP_LEFT(Kind.KEYWORD, "group_left"),
    GROUP_RIGHT(Kind.KEYWORD, "group_right"),
    IGNORING(Kind.KEYWORD, "ignoring"),
    OFFSET(Kind.KEYWORD, "offset"),
    ON(Kind.KEYWORD, "on"),
    WITHOUT(Kind.KEYWORD, "without"),

    START(Kind.PREPROCESSOR, "start"),
    END(Kind.PREPROCESSOR, "end");

    enum Kind { END, NAMED, VALUE, PUNCTUATION, OPERATOR, AGGREGATOR, KEYWORD, PREPROCESSOR }

    final Kind kind;
    /** Prometheus' {@code ItemTypeStr} entry (the canonical spelling), or the type's description. */
    final String text;

    TokenType(Kind kind, String text) {
        this.kind = kind;
        this.text = text;
    }

    boolean isAggregator() {
        return kind == Kind.AGGREGATOR;
    }

    boolean isAggregatorWithParam() {
        return this == TOPK || this == BOTTOMK || this == COUNT_VALUES || this == QUANTILE;
    }

    boolean isComparison() {
        return switch (this) {
            case EQLC, NEQ, LTE, LSS, GTE, GTR -> true;
            default -> false;
        };
    }

    boolean isSetOperator() {
        return this == LAND || this == LOR || this == LUNLESS;
    }

    /**
     * Binding power of a binary operator ({@code %left}/{@code %right} lines of the grammar),
     * 0 when the token is not one.
     */
    int precedence() {
        return switch (this) {
            case LOR -> 1;
            case LAND, LUNLESS -> 2;
            case EQLC, GTE, GTR, LSS, LTE, NEQ -> 3;
            case ADD, SUB -> 4;
            case MUL, DIV, MOD, ATAN2 -> 5;
            case POW -> 6;
            default -> 0;
        };
    }

    /** Tokens the grammar's {@code metric_identifier} accepts as a metric name. */
    boolean isMetricName() {
        return switch (this) {
            case AVG, BOTTOMK, BY, COUNT, COUNT_VALUES, GROUP, IDENTIFIER, LAND, LOR, LUNLESS, MAX,
                 METRIC_IDENTIFIER, MIN, OFFSET, QUANTILE, STDDEV, STDVAR, SUM, TOPK, WITHOUT, START, END -> true;
            default -> false;
        };
    }

    /** Tokens the grammar's {@code maybe_label} accepts inside grouping parentheses. */
    boolean isMaybeLabel() {
        return switch (this) {
            case AVG, BOOL, BOTTOMK, BY, COUNT, COUNT_VALUES, GROUP, GROUP_LEFT, GROUP_RIGHT, IDENTIFIER,
                 IGNORING, LAND, LOR, LUNLESS, MAX, METRIC_IDENTIFIER, MIN, OFFSET, ON, QUANTILE, STDDEV,
                 STDVAR, SUM, TOPK, START, END, ATAN2 -> true;
            default -> false;
        };
    }

    /** Tokens that can begin an expression (FIRST(expr) of the grammar). */
    boolean startsExpression() {
        return isMetricName() || switch (this) {
            case NUMBER, STRING, LEFT_PAREN, LEFT_BRACE, ADD, SUB -> true;
            default -> false;
        };
    }
}
