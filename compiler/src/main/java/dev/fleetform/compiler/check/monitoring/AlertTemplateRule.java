package dev.fleetform.compiler.check.monitoring;

import dev.fleetform.compiler.check.CheckContext;
import dev.fleetform.compiler.check.Reporter;
import dev.fleetform.compiler.check.Rule;
import dev.fleetform.compiler.diag.DidYouMean;
import dev.fleetform.compiler.diag.Location;
import dev.fleetform.compiler.diag.Origin;
import dev.fleetform.compiler.gotemplate.PrometheusTemplates;
import dev.fleetform.compiler.gotemplate.TemplateError;
import dev.fleetform.compiler.model.AlertRule;

import java.util.Map;

/**
 * {@code ALERT-TEMPLATE}: an alert's summary, runbook and label values are Go templates that
 * Prometheus (2.42) can parse, as it expands them on every firing and {@code promtool check
 * rules} parses them. The error points at the token where Go's parser stops, with Go's message.
 */
public final class AlertTemplateRule implements Rule {
    private static final String UNKNOWN_FUNCTION = "function \"";
    private static final String UNDEFINED_VARIABLE = "undefined variable \"";
    private static final String TEMPLATE_DOCS =
            "https://prometheus.io/docs/prometheus/2.42/configuration/template_reference/";

    @Override
    public String id() {
        return "ALERT-TEMPLATE";
    }

    @Override
    public void check(CheckContext ctx, Reporter out) {
        for (AlertRule alert : ctx.fleet().monitoring().alerts()) {
            if (alert.name() == null) continue; // the schema reports a missing name
            check(ctx, out, alert, "summary", alert.summary(), alert.origin().child("summary"));
            check(ctx, out, alert, "runbook", alert.runbook(), alert.origin().child("runbook"));
            for (Map.Entry<String, String> label : alert.labels().entrySet()) {
                check(ctx, out, alert, "label '" + label.getKey() + "'", label.getValue(),
                        alert.origin().child("labels").child(label.getKey()));
            }
        }
    }

    private static void check(CheckContext ctx, Reporter out, AlertRule alert, String what, String value, Origin at) {
        if (value == null) return;
        TemplateError error = PrometheusTemplates.check(alert.name(), value).orElse(null);
        if (error == null) return;
        Location start = ctx.sources().locateValue(at);
        // Go names the template after the alert ("__alert_X:1"); within one value a line says it.
        String message = error.message().replace(error.name() + ":", "line ");
        out.error(ScalarPosition.of(ctx.sources(), start, error.offset()),
                "alert '" + alert.name() + "': " + what + " is not a template Prometheus can read: " + message,
                hint(error.message()));
    }

    private static String hint(String m) {
        if (m.startsWith(UNKNOWN_FUNCTION) && m.endsWith("\" not defined")) {
            String name = m.substring(UNKNOWN_FUNCTION.length(), m.length() - "\" not defined".length());
            return DidYouMean.hint(name, PrometheusTemplates.functions(),
                    "the functions are Go's (printf, len, index, eq, gt, and, ...) and Prometheus' (humanize,"
                            + " humanizeDuration, humanizePercentage, reReplaceAll, ...): " + TEMPLATE_DOCS);
        }
        if (m.startsWith(UNDEFINED_VARIABLE)) {
            String name = m.substring(UNDEFINED_VARIABLE.length(), m.length() - 1);
            String close = DidYouMean.closest(name, PrometheusTemplates.VARIABLES);
            return (close != null ? "did you mean '" + close + "'? " : "")
                    + "write e.g. {{ $labels.host }}; the variables are $labels, $value, $externalLabels and"
                    + " $externalURL, and those declared with := before, up to the {{ end }} of their block";
        }
        if (m.equals("unexpected EOF")) {
            return "an {{ if }}, {{ range }}, {{ with }}, {{ define }} or {{ block }} is missing its {{ end }}";
        }
        if (m.startsWith("unclosed action")) {
            return "an action opened with {{ must end with }}; to write {{ as text, write {{ \"{{\" }}";
        }
        if (m.equals("unexpected {{end}}") || m.equals("unexpected {{else}}")) {
            return "there is no {{ if }}, {{ range }} or {{ with }} open here";
        }
        return "Prometheus expands this value as a Go template and refuses it with the same message"
                + " (check with: promtool check rules): " + TEMPLATE_DOCS;
    }
}
