package dev.fleetform.compiler.check.monitoring;

import dev.fleetform.compiler.check.CheckContext;
import dev.fleetform.compiler.check.Reporter;
import dev.fleetform.compiler.check.Rule;
import dev.fleetform.compiler.model.AlertRule;
import dev.fleetform.compiler.promql.PrometheusDuration;

/** {@code ALERT-FOR}: an alert's {@code for} is a duration Prometheus can read. */
public final class AlertForRule implements Rule {

    @Override
    public String id() {
        return "ALERT-FOR";
    }

    @Override
    public void check(CheckContext ctx, Reporter out) {
        for (AlertRule alert : ctx.fleet().monitoring().alerts()) {
            String value = alert.forDuration();
            if (value == null || PrometheusDuration.parse(value).isPresent()) continue;
            out.error(ctx.sources().locateValue(alert.origin().child("for")),
                    "alert '" + alert.name() + "': 'for: " + value + "' is not a Prometheus duration",
                    "write numbers with units y, w, d, h, m, s, ms, largest first, each once: e.g. 30s, 5m, 1h30m");
        }
    }
}
