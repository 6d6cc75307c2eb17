package dev.fleetform.compiler.promql;

import dev.fleetform.compiler.promql.Expr.AggregateExpr;
import dev.fleetform.compiler.promql.Expr.BinaryExpr;
import dev.fleetform.compiler.promql.Expr.Call;
import dev.fleetform.compiler.promql.Expr.MatrixSelector;
import dev.fleetform.compiler.promql.Expr.NumberLiteral;
import dev.fleetform.compiler.promql.Expr.SubqueryExpr;
import dev.fleetform.compiler.promql.Expr.UnaryExpr;
import dev.fleetform.compiler.promql.Expr.VectorSelector;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The grammar: precedence, placement of modifiers, and syntax error contexts. */
class ParserTest {

    private static Expr parse(String expr) {
        return new Parser(new Lexer(expr)).parse();
    }

    /** {@code offset: message}, offset being promtool's column - 1. */
    private static String error(String expr) {
        PromQlException e = assertThrows(PromQlException.class, () -> parse(expr));
        return e.offset + ": " + e.getMessage();
    }

    @Test
    void multiplicationBindsTighterThanAdditionAndPowerIsRightAssociative() {
        BinaryExpr sum = assertInstanceOf(BinaryExpr.class, parse("a + b * c"));
        assertEquals(TokenType.ADD, sum.op());
        assertEquals(TokenType.MUL, assertInstanceOf(BinaryExpr.class, sum.rhs()).op());

        BinaryExpr pow = assertInstanceOf(BinaryExpr.class, parse("a ^ b ^ c"));
        assertInstanceOf(VectorSelector.class, pow.lhs());
        assertEquals(TokenType.POW, assertInstanceOf(BinaryExpr.class, pow.rhs()).op());

        BinaryExpr or = assertInstanceOf(BinaryExpr.class, parse("a and b or c unless d"));
        assertEquals(TokenType.LOR, or.op(), "or binds loosest");
    }

    @Test
    void unaryMinusBindsLikeMultiplicationButLooserThanPower() {
        assertInstanceOf(UnaryExpr.class, assertInstanceOf(BinaryExpr.class, parse("-a * b")).lhs());
        UnaryExpr minus = assertInstanceOf(UnaryExpr.class, parse("-a ^ b"));
        assertEquals(TokenType.POW, assertInstanceOf(BinaryExpr.class, minus.expr()).op());
        assertEquals(-5.0, assertInstanceOf(NumberLiteral.class, parse("-5")).value(), "folded into the literal");
    }

    @Test
    void modifiersBindToTheNearestOperand() {
        BinaryExpr b = assertInstanceOf(BinaryExpr.class, parse("a + b offset 5m"));
        assertEquals(Duration.ofMinutes(5), assertInstanceOf(VectorSelector.class, b.rhs()).offset());
        MatrixSelector m = assertInstanceOf(MatrixSelector.class, parse("x[5m] offset -1h @ 100"));
        assertEquals(Duration.ofHours(-1), m.selector().offset());
        assertEquals(100.0, m.selector().at().seconds());
        SubqueryExpr s = assertInstanceOf(SubqueryExpr.class, parse("rate(x[5m])[30m:1m] @ end()"));
        assertEquals(Duration.ofMinutes(1), s.step());
        assertEquals("end", s.at().preprocessor());
    }

    @Test
    void aggregationModifiersGoBeforeOrAfterTheBody() {
        AggregateExpr before = assertInstanceOf(AggregateExpr.class, parse("sum by (job, le) (x)"));
        AggregateExpr after = assertInstanceOf(AggregateExpr.class, parse("sum(x) without (instance,)"));
        assertEquals(List.of("job", "le"), before.grouping());
        assertEquals(List.of("instance"), after.grouping());
        AggregateExpr topk = assertInstanceOf(AggregateExpr.class, parse("topk(5, x)"));
        assertInstanceOf(NumberLiteral.class, topk.param());
        assertEquals("\"sum by (a) (x) by (b)\" -> 15: unexpected <by>",
                "\"sum by (a) (x) by (b)\" -> " + error("sum by (a) (x) by (b)"));
    }

    @Test
    void keywordsAreMetricNamesWhereTheGrammarAllowsAndLabelNamesInGrouping() {
        assertEquals("sum", assertInstanceOf(VectorSelector.class, parse("sum")).name());
        assertEquals("offset", assertInstanceOf(VectorSelector.class,
                assertInstanceOf(BinaryExpr.class, parse("offset > bool 1")).lhs()).name());
        assertEquals(List.of("on", "by", "atan2", "start"),
                assertInstanceOf(AggregateExpr.class, parse("max by (on, by, atan2, start) (x)")).grouping());
        assertEquals("8: unexpected metric identifier \"a:b\" in grouping opts, expected label", error("max by (a:b) (x)"));
        assertEquals("5: unexpected \"(\"", error("start()"));
    }

    @Test
    void functionCallsKnowTheirFunction() {
        Call c = assertInstanceOf(Call.class, parse("holt_winters(x[1h], 0.5, 0.5)"));
        assertEquals("holt_winters", c.function().name());
        assertEquals("0: unknown function with name \"sort_by_label\"", error("sort_by_label(x, \"a\")"));
        assertEquals("5: trailing commas not allowed in function call args", error("sum(x,)"));
        assertEquals("5: trailing commas not allowed in function call args", error("sum(x, , y)"));
    }

    @Test
    void syntaxErrorsNameTheGrammarContext() {
        assertEquals("38: unexpected end of input", error("flink_jobmanager_numRunningJobs == 0 +"));
        assertEquals("6: unexpected identifier \"y\" in aggregation", error("sum(x y)"));
        assertEquals("7: unexpected identifier \"y\"", error("rate(x y)"));
        assertEquals("12: unexpected identifier \"x\" in grouping opts, expected \"(\"", error("sum without x"));
        assertEquals("10: unexpected identifier \"b\" in grouping opts, expected \",\" or \")\"", error("sum by (a b) (x)"));
        assertEquals("11: unexpected <op:<=> in grouping opts, expected label", error("sum by (a, <= 1) (x)"));
        assertEquals("9: unexpected number \"5\" in offset, expected duration", error("x offset 5"));
        assertEquals("5: unexpected identifier \"foo\" in @, expected timestamp", error("x @ -foo"));
        assertEquals("5: unexpected number \"1\" in subquery selector, expected duration or \"]\"", error("x[5m:1]"));
        assertEquals("8: unexpected number \"5\" in subquery selector, expected \"]\"", error("x[5m:1m 5]"));
        assertEquals("5: unexpected \")\" in subquery or range, expected \":\" or \"]\"", error("(x[5m)"));
        assertEquals("6: unexpected identifier \"b\" in label matching, expected string", error("foo{a=b}"));
        assertEquals("10: unexpected identifier \"c\" in label matching, expected \",\" or \"}\"", error("foo{a=\"b\" c=\"d\"}"));
        assertEquals("5: unexpected \"}\" in label matching, expected label matching operator", error("foo{a}"));
        assertEquals("4: unexpected string \"\\\"a\\\"\" in label matching, expected identifier or \"}\"", error("foo{\"a\"}"));
        assertEquals("3: unexpected \"<Item 57385>\" <op:@> in @, expected timestamp", error("x @@ 5"));
    }

    @Test
    void groupLeftNeedsOnOrIgnoringAndItsLabelsOrAnOperand() {
        assertEquals("4: unexpected <group_left>", error("x * group_left y"));
        assertEquals("23: unexpected <bool> in grouping opts, expected \"(\"", error("x and on(a) group_left bool"));
        BinaryExpr b = assertInstanceOf(BinaryExpr.class, parse("x * on(a) group_left y"));
        assertEquals(Expr.Cardinality.MANY_TO_ONE, b.matching().cardinality());
    }

    @Test
    void semanticErrorsOfTheGrammarActions() {
        assertEquals("3: ranges only allowed for vector selectors", error("(x)[5m]"));
        assertEquals("12: no offset modifiers allowed before range", error("x offset 5m [5m]"));
        assertEquals("6: no @ modifiers allowed before range", error("x @ 5 [5m]"));
        assertEquals("0: offset modifier must be preceded by an instant vector selector or range vector selector or a subquery",
                error("(x) offset 5m"));
        assertEquals("0: offset may not be set multiple times", error("x offset 5m offset 5m"));
        assertEquals("0: @ <timestamp> may not be set multiple times", error("x @ 1 @ 2"));
        assertEquals("9: duration must be greater than 0", error("x offset 0s"));
        assertEquals("2: not a valid duration string: \"1.5m\"", error("x[1.5m]"));
        assertEquals("0: error parsing number: strconv.ParseFloat: parsing \"1e400\": value out of range", error("1e400"));
        assertEquals("0: error parsing number: strconv.ParseFloat: parsing \"0x\": invalid syntax", error("0x"));
        assertEquals("0: timestamp out of bounds for @ modifier: 1000000000000000019884624838656.000000", error("x @ 1e30"));
        assertEquals("0: no arguments for aggregate expression provided", error("sum()"));
        assertEquals("0: wrong number of arguments for aggregate expression provided, expected 2, got 1", error("topk(x)"));
        assertEquals("0: no expression found in input", error("  # nothing"));
    }

    @Test
    void deepNestingIsRefusedNotAStackOverflow() {
        String deep = "(".repeat(Parser.MAX_DEPTH + 1) + "x" + ")".repeat(Parser.MAX_DEPTH + 1);
        assertEquals(Parser.MAX_DEPTH + ": expression nested more than " + Parser.MAX_DEPTH + " levels deep", error(deep));
    }
}
