package dev.fleetform.compiler.check.monitoring;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.fleetform.compiler.check.RuleHarness.hints;
import static dev.fleetform.compiler.check.RuleHarness.rendered;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Summaries and label values that Prometheus could not parse as templates, pointed at inside the value. */
class AlertTemplateRuleTest {
    private final AlertTemplateRule rule = new AlertTemplateRule();

    /** The alert's {@code summary:} key is on line 10; a one-line value starts at column 16. */
    private static String fleet(String summaryAndRest) {
        return """
                apiVersion: fleetform.dev/v1
                kind: Fleet
                metadata: { name: test }
                hosts:
                  - { name: a, address: 10.0.1.1 }
                monitoring:
                  alerts:
                    - name: HostCpuHigh
                      expr: up == 0
                      summary: %s
                """.formatted(summaryAndRest);
    }

    @Test
    void templatesPrometheusReadsPass() {
        assertEquals(List.of(), rendered(rule, fleet("CPU at {{ $value | humanizePercentage }} on {{ $labels.host }}")));
        assertEquals(List.of(), rendered(rule, fleet("plain text, no template")));
        assertEquals(List.of(), rendered(rule, fleet(
                "'{{ if gt $value 0.9 }}critical{{ else }}high{{ end }}: {{ printf \"%.1f\" $value }}'")));
        assertEquals(List.of(), rendered(rule, fleet("'{{ $x := $labels.host }}{{ $x | toUpper }}'\n"
                + "      labels: { team: '{{ $externalLabels.team }}', tier: gold }")));
    }

    @Test
    void unknownFunctionPointsAtItsName() {
        assertEquals(List.of("fleet.yaml:10:23: error[ALERT-TEMPLATE]: alert 'HostCpuHigh': summary is not a template"
                        + " Prometheus can read: function \"high\" not defined"),
                rendered(rule, fleet("CPU {{ high")));
        assertEquals(List.of("the functions are Go's (printf, len, index, eq, gt, and, ...) and Prometheus' (humanize,"
                        + " humanizeDuration, humanizePercentage, reReplaceAll, ...):"
                        + " https://prometheus.io/docs/prometheus/2.42/configuration/template_reference/"),
                hints(rule, fleet("CPU {{ high")));
    }

    @Test
    void misspeltFunctionSuggestsTheRightOne() {
        String yaml = fleet("'CPU at {{ $value | humanise }}'");
        assertEquals(List.of("fleet.yaml:10:36: error[ALERT-TEMPLATE]: alert 'HostCpuHigh': summary is not a template"
                + " Prometheus can read: function \"humanise\" not defined"), rendered(rule, yaml));
        assertEquals(List.of("did you mean 'humanize'?"), hints(rule, yaml));
    }

    @Test
    void misspeltVariableSuggestsLabels() {
        String yaml = fleet("\"host {{ $label.host }} is down\"");
        assertEquals(List.of("fleet.yaml:10:25: error[ALERT-TEMPLATE]: alert 'HostCpuHigh': summary is not a template"
                + " Prometheus can read: undefined variable \"$label\""), rendered(rule, yaml));
        assertEquals(List.of("did you mean '$labels'? write e.g. {{ $labels.host }}; the variables are $labels, $value,"
                        + " $externalLabels and $externalURL, and those declared with := before, up to the {{ end }} of"
                        + " their block"),
                hints(rule, yaml));
    }

    @Test
    void missingEndPointsAtTheEndOfTheValue() {
        String yaml = fleet("'{{ if gt $value 1.0 }}hot'");
        assertEquals(List.of("fleet.yaml:10:42: error[ALERT-TEMPLATE]: alert 'HostCpuHigh': summary is not a template"
                + " Prometheus can read: unexpected EOF"), rendered(rule, yaml));
        assertEquals(List.of("an {{ if }}, {{ range }}, {{ with }}, {{ define }} or {{ block }} is missing its {{ end }}"),
                hints(rule, yaml));
    }

    @Test
    void strayEndIsReported() {
        assertEquals(List.of("fleet.yaml:10:22: error[ALERT-TEMPLATE]: alert 'HostCpuHigh': summary is not a template"
                        + " Prometheus can read: unexpected {{end}}"),
                rendered(rule, fleet("'done {{ end }}'")));
    }

    @Test
    void labelValuesAreTemplatesToo() {
        String yaml = fleet("CPU high") + "      labels: { team: mining, owner: '{{ $labels.owner | toupper }}' }\n";
        assertEquals(List.of("fleet.yaml:11:58: error[ALERT-TEMPLATE]: alert 'HostCpuHigh': label 'owner' is not a"
                + " template Prometheus can read: function \"toupper\" not defined"), rendered(rule, yaml));
        assertEquals(List.of("did you mean 'toUpper'?"), hints(rule, yaml));
    }

    @Test
    void everyBadValueOfEveryAlertIsReported() {
        String yaml = fleet("'{{ $value'") + """
                      labels: { team: '{{ .x }' }
                    - name: Second
                      expr: up == 0
                      summary: '{{ range $labels }}{{ break 1 }}{{ end }}'
                """;
        assertEquals(List.of(
                        "fleet.yaml:10:26: error[ALERT-TEMPLATE]: alert 'HostCpuHigh': summary is not a template"
                                + " Prometheus can read: unclosed action",
                        "fleet.yaml:11:30: error[ALERT-TEMPLATE]: alert 'HostCpuHigh': label 'team' is not a template"
                                + " Prometheus can read: unexpected \"}\" in operand",
                        "fleet.yaml:14:45: error[ALERT-TEMPLATE]: alert 'Second': summary is not a template"
                                + " Prometheus can read: unexpected \"1\" in {{break}}"),
                rendered(rule, yaml));
        assertEquals("an action opened with {{ must end with }}; to write {{ as text, write {{ \"{{\" }}",
                hints(rule, yaml).get(0));
    }
}
