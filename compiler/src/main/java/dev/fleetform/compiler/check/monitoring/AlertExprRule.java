package dev.fleetform.compiler.check.monitoring;

import dev.fleetform.compiler.check.CheckContext;
import dev.fleetform.compiler.check.Reporter;
import dev.fleetform.compiler.check.Rule;
import dev.fleetform.compiler.diag.DidYouMean;
import dev.fleetform.compiler.diag.Location;
import dev.fleetform.compiler.model.AlertRule;
import dev.fleetform.compiler.promql.Functions;
import dev.fleetform.compiler.promql.PromQl;
import dev.fleetform.compiler.promql.PromQlError;

/**
 * {@code ALERT-EXPR}: each alert's {@code expr} is PromQL that Prometheus (2.42) accepts. The
 * error points inside the expression, where Prometheus places it, with Prometheus' message.
 */
public final class AlertExprRule implements Rule {
    private static final String UNKNOWN_FUNCTION = "unknown function with name \"";

    @Override
    public String id() {
        return "ALERT-EXPR";
    }

    @Override
    public void check(CheckContext ctx, Reporter out) {
        for (AlertRule alert : ctx.fleet().monitoring().alerts()) {
            if (alert.expr() == null) continue; // a missing expr is the schema's to report
            PromQlError error = PromQl.check(alert.expr()).orElse(null);
            if (error == null) continue;
            Location start = ctx.sources().locateValue(alert.origin().child("expr"));
            String what = error.source() == PromQlError.Source.PROMETHEUS ? "invalid PromQL: " : "PromQL too complex to check: ";
            out.error(ScalarPosition.of(ctx.sources(), start, error.offset()),
                    "alert '" + alert.name() + "': " + what + error.message(), hint(error));
        }
    }

    private static String hint(PromQlError error) {
        if (error.source() == PromQlError.Source.CHECKER_LIMIT) {
            return "Fleetform cannot check this expression, although Prometheus may accept it: "
                    + "simplify it, e.g. move parts into recording rules";
        }
        String m = error.message();
        if (m.startsWith(UNKNOWN_FUNCTION)) {
            String name = m.substring(UNKNOWN_FUNCTION.length(), m.length() - 1);
            return DidYouMean.hint(name, Functions.names(),
                    "see the functions of Prometheus 2.42: https://prometheus.io/docs/prometheus/2.42/querying/functions/");
        }
        if (m.startsWith("expected type range vector")) {
            return "this function needs a range: add one to the selector, e.g. rate(metric[5m])";
        }
        if (m.startsWith("error parsing regexp: invalid repeat count: ")) {
            return "Prometheus' regexes (Go's RE2) repeat at most 1000 times, nested repeats multiplied: "
                    + "use a smaller count, or + or *";
        }
        if (m.equals("unexpected end of input") || m.equals("unclosed left parenthesis")) {
            return "the expression ends too early: look for a missing operand or closing parenthesis";
        }
        return "Prometheus refuses this expression with the same message (check with: promtool check rules)";
    }
}
