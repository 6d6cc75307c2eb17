package dev.fleetform.compiler.promql;

import com.google.re2j.Pattern;

/**
 * One label matcher of a selector ({@code labels.Matcher}).
 *
 * @param pattern the anchored regular expression for {@code =~} and {@code !~}, else null
 */
record LabelMatcher(Type type, String name, String value, Pattern pattern) {

    enum Type { EQUAL, NOT_EQUAL, REGEX, NOT_REGEX }

    /** As {@code labels.NewMatcher}: regular expressions are compiled, anchored, RE2 syntax. */
    static LabelMatcher of(Type type, String name, String value) {
        Pattern p = type == Type.REGEX || type == Type.NOT_REGEX ? PrometheusRegex.compileAnchored(value) : null;
        return new LabelMatcher(type, name, value, p);
    }

    /** Whether the empty string (an absent label) satisfies this matcher. */
    boolean matchesEmpty() {
        return switch (type) {
            case EQUAL -> value.isEmpty();
            case NOT_EQUAL -> !value.isEmpty();
            case REGEX -> pattern.matcher("").matches();
            case NOT_REGEX -> !pattern.matcher("").matches();
        };
    }
}
