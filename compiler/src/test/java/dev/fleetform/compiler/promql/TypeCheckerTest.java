package dev.fleetform.compiler.promql;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** checkAST's type rules, with promtool's positions (offset = column - 1). */
class TypeCheckerTest {

    private static String check(String expr) {
        Optional<PromQlError> e = PromQl.check(expr);
        return e.map(x -> x.offset() + ": " + x.message()).orElse("ok");
    }

    @Test
    void functionArgumentsHaveTypes() {
        assertEquals("5: expected type range vector in call to function \"rate\", got instant vector", check("rate(x)"));
        assertEquals("0: expected 1 argument(s) in call to \"rate\", got 2", check("rate(x[5m], 1)"));
        assertEquals("0: expected at least 3 argument(s) in call to \"label_join\", got 2", check("label_join(x, \"a\")"));
        assertEquals("0: expected at most 2 argument(s) in call to \"round\", got 3", check("round(x, 1, 2)"));
        assertEquals("ok", check("label_join(x, \"dst\", \",\", \"a\", \"b\", \"c\")"), "variadic strings");
        assertEquals("ok", check("day_of_week()"), "optional argument");
        assertEquals("7: expected type scalar in call to function \"vector\", got string", check("vector(\"a\")"));
    }

    @Test
    void aggregationsTakeInstantVectorsAndTypedParameters() {
        assertEquals("4: expected type instant vector in aggregation expression, got range vector", check("sum(x[5m])"));
        assertEquals("5: expected type scalar in aggregation parameter, got instant vector", check("topk(x, y)"));
        assertEquals("13: expected type string in aggregation parameter, got scalar", check("count_values(1, x)"));
        assertEquals("ok", check("quantile(0.9, rate(x[5m]))"));
    }

    @Test
    void binaryOperatorRules() {
        assertEquals("2: comparisons between scalars must use BOOL modifier", check("1 > 2"));
        assertEquals("ok", check("1 > bool 2"));
        assertEquals("2: bool modifier can only be used on comparison operators", check("x + bool y"));
        assertEquals("0: binary expression must contain only scalar and instant vector types", check("x[5m] + 1"));
        assertEquals("0: set operator \"and\" not allowed in binary scalar expression", check("x and 1"));
        assertEquals("0: no grouping allowed for \"and\" operation", check("x and on(a) group_left y"));
        assertEquals("2: label \"a\" must not occur in ON and GROUP clause at once", check("x * on(a) group_left(a) y"));
        assertEquals("0: vector matching only allowed between instant vectors", check("1 + on(a) x"));
        assertEquals("ok", check("x / on(instance) group_left(job) y"));
    }

    @Test
    void selectorsMustSelectSomething() {
        assertEquals("0: vector selector must contain at least one non-empty matcher", check("{a=\"\"}"));
        assertEquals("0: vector selector must contain at least one non-empty matcher", check("{a=~\".*\"}"));
        assertEquals("ok", check("{a=~\".+\"}"));
        assertEquals("0: metric name must not be set twice: \"x\" or \"y\"", check("x{__name__=\"y\"}"));
    }

    @Test
    void unaryAndSubqueryOperands() {
        assertEquals("0: unary expression only allowed on expressions of type scalar or instant vector, got \"string\"",
                check("-\"a\""));
        assertEquals("0: subquery is only allowed on instant vector, got matrix instead", check("x[5m:][5m:]"));
        assertEquals("ok", check("max_over_time(rate(x[5m])[1h:1m])"));
    }

    @Test
    void aTopLevelStringOrRangeIsStillAnExpression() {
        // promtool check rules only parses: evaluation decides what a rule may return.
        assertEquals("ok", check("\"foo\""));
        assertEquals("ok", check("x[5m]"));
    }
}
