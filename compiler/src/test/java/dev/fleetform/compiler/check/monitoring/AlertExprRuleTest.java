package dev.fleetform.compiler.check.monitoring;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.fleetform.compiler.check.RuleHarness.hints;
import static dev.fleetform.compiler.check.RuleHarness.rendered;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Errors point inside the expression, however the YAML scalar was written. */
class AlertExprRuleTest {
    private final AlertExprRule rule = new AlertExprRule();

    /** The alert's {@code expr:} key is on line 9 at column 7; a one-line value starts at column 13. */
    private static String fleet(String exprAndRest) {
        return """
                apiVersion: fleetform.dev/v1
                kind: Fleet
                metadata: { name: test }
                hosts:
                  - { name: a, address: 10.0.1.1 }
                monitoring:
                  alerts:
                    - name: NodeDown
                      expr: %s
                      for: 5m
                """.formatted(exprAndRest);
    }

    @Test
    void validExpressionsPass() {
        assertEquals(List.of(), rendered(rule, fleet("up{job=\"node\"} == 0")));
        assertEquals(List.of(), rendered(rule, fleet("sum by (instance) (rate(node_cpu_seconds_total{mode!=\"idle\"}[5m])) > 0.9")));
    }

    @Test
    void plainScalarPointsAtTheColumnPrometheusReports() {
        // Prometheus: 1:6: expected type range vector in call to function "rate", got instant vector
        assertEquals(List.of("fleet.yaml:9:18: error[ALERT-EXPR]: alert 'NodeDown': invalid PromQL: expected type range"
                        + " vector in call to function \"rate\", got instant vector"),
                rendered(rule, fleet("rate(errors_total) > 0")));
        assertEquals(List.of("this function needs a range: add one to the selector, e.g. rate(metric[5m])"),
                hints(rule, fleet("rate(errors_total) > 0")));
    }

    @Test
    void doubleQuotedScalarCountsTheQuoteAndEscapes() {
        // Value: up{job="node"} == 0 +   -> unexpected end of input at offset 21; written with \" twice.
        assertEquals(List.of("fleet.yaml:9:37: error[ALERT-EXPR]: alert 'NodeDown': invalid PromQL: unexpected end of input"),
                rendered(rule, fleet("\"up{job=\\\"node\\\"} == 0 +\"")));
    }

    @Test
    void singleQuotedScalarCountsDoubledQuotes() {
        // Value: up{job='node'} =! 0  -> the parser stops at '=' (offset 15), written 18 columns in.
        assertEquals(List.of("fleet.yaml:9:31: error[ALERT-EXPR]: alert 'NodeDown': invalid PromQL: unexpected \"=\""),
                rendered(rule, fleet("'up{job=''node''} =! 0'")));
    }

    @Test
    void literalBlockPointsAtTheLineInsideTheBlock() {
        String yaml = fleet("""
                |
                        sum by (instance) (rate(http_requests_total[5m]))
                          / sum by (instance) (rate(http_request_totl[5m))
                """.stripTrailing());
        // Line 11 is the second expression line (block indentation 8): the ')' after '[5m' is
        // at index 48 of that line's value text.
        assertEquals(List.of("fleet.yaml:11:57: error[ALERT-EXPR]: alert 'NodeDown': invalid PromQL: unexpected"
                        + " \")\" in subquery or range, expected \":\" or \"]\""),
                rendered(rule, yaml));
    }

    @Test
    void foldedBlockPointsAtTheSourceLine() {
        String yaml = fleet("""
                >
                        sum(rate(http_requests_total[5m]))
                          > bool on(instance) foo(1)
                """.stripTrailing());
        assertEquals(List.of("fleet.yaml:11:31: error[ALERT-EXPR]: alert 'NodeDown': invalid PromQL: unknown function"
                        + " with name \"foo\""),
                rendered(rule, yaml));
    }

    @Test
    void plainScalarFoldedOverLinesPointsAtTheContinuationLine() {
        String yaml = fleet("""
                sum(rate(http_requests_total[5m]))
                        > bool foo(1)
                """.stripTrailing());
        assertEquals(List.of("fleet.yaml:10:16: error[ALERT-EXPR]: alert 'NodeDown': invalid PromQL: unknown function"
                        + " with name \"foo\""),
                rendered(rule, yaml));
    }

    @Test
    void unknownFunctionHintSuggestsTheClosestName() {
        assertEquals(List.of("did you mean 'histogram_quantile'?"),
                hints(rule, fleet("histogram_quantlie(0.9, rate(x_bucket[5m])) > 1")));
    }

    @Test
    void everyBadAlertIsReported() {
        String yaml = fleet("up ==") + """
                    - name: Second
                      expr: sum(x) by (job
                """;
        assertEquals(List.of(
                        "fleet.yaml:9:18: error[ALERT-EXPR]: alert 'NodeDown': invalid PromQL: unexpected end of input",
                        "fleet.yaml:12:27: error[ALERT-EXPR]: alert 'Second': invalid PromQL: unclosed left parenthesis"),
                rendered(rule, yaml));
    }

    @Test
    void regexesPrometheusRefusesFailWithGoMessage() {
        // promtool 2.42: 1:4: parse error: error parsing regexp: invalid repeat count: `{101}`
        assertEquals(List.of("fleet.yaml:9:17: error[ALERT-EXPR]: alert 'NodeDown': invalid PromQL: error parsing regexp:"
                        + " invalid repeat count: `{101}`"),
                rendered(rule, fleet("'up{job=~\"(a{10}){101}\"}'")));
        assertEquals(List.of("Prometheus' regexes (Go's RE2) repeat at most 1000 times, nested repeats multiplied: "
                        + "use a smaller count, or + or *"),
                hints(rule, fleet("'up{job=~\"(a{10}){101}\"}'")));
        String deep = "(".repeat(5000) + "a" + ")".repeat(5000);
        List<String> nested = rendered(rule, fleet("'up{job=~\"" + deep + "\"}'"));
        assertEquals(1, nested.size());
        assertEquals("fleet.yaml:9:17: error[ALERT-EXPR]: alert 'NodeDown': invalid PromQL: error parsing regexp:"
                + " expression nests too deeply: `^(?:" + deep + ")$`", nested.get(0));
    }

    @Test
    void whatOnlyThisCheckerCannotFollowIsNotBlamedOnPrometheus() {
        // promtool 2.42 accepts this; the checker stops at 200 levels.
        String deep = "(".repeat(300) + "up" + ")".repeat(300);
        List<String> errors = rendered(rule, fleet(deep));
        assertEquals(1, errors.size());
        assertEquals(true, errors.get(0).contains("alert 'NodeDown': PromQL too complex to check: expression nested more than"), errors.get(0));
        assertEquals(List.of("Fleetform cannot check this expression, although Prometheus may accept it: "
                + "simplify it, e.g. move parts into recording rules"), hints(rule, fleet(deep)));
    }
}
