package dev.fleetform.compiler.gotemplate;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Alert label and annotation values as Prometheus 2.42 checks them when it loads rules
 * ({@code rulefmt} {@code testTemplateParsing}, what {@code promtool check rules} runs): each
 * value is parsed as a Go template named {@code __alert_<alert name>}, behind definitions of
 * {@code $labels}, {@code $externalLabels}, {@code $externalURL} and {@code $value}, with
 * Prometheus' functions and Go's builtins. Only parsing: a template that fails when it runs
 * (a missing label, a function given the wrong type) passes, as it does in promtool.
 */
public final class PrometheusTemplates {
    /** The variables Prometheus defines for every alert template, as they are written. */
    public static final List<String> VARIABLES = List.of("$labels", "$value", "$externalLabels", "$externalURL");

    private static final String DEFINITIONS = "{{$labels := .Labels}}{{$externalLabels := .ExternalLabels}}"
            + "{{$externalURL := .ExternalURL}}{{$value := .Value}}";

    /** Prometheus 2.42's template functions (template/template.go). */
    private static final List<String> PROMETHEUS_FUNCTIONS = List.of(
            "query", "first", "label", "value", "strvalue", "args", "reReplaceAll", "safeHtml", "match", "title",
            "toUpper", "toLower", "graphLink", "tableLink", "sortByLabel", "humanize", "humanize1024",
            "humanizeDuration", "humanizePercentage", "humanizeTimestamp", "toTime", "pathPrefix", "externalURL",
            "parseDuration", "stripPort", "stripDomain");

    /** text/template's builtins in Go 1.19 (funcs.go). */
    private static final List<String> GO_BUILTINS = List.of(
            "and", "call", "html", "index", "slice", "js", "len", "not", "or", "print", "printf", "println",
            "urlquery", "eq", "ge", "gt", "le", "lt", "ne");

    private static final Set<String> FUNCTIONS;

    static {
        TreeSet<String> all = new TreeSet<>(PROMETHEUS_FUNCTIONS);
        all.addAll(GO_BUILTINS);
        FUNCTIONS = Set.copyOf(all);
    }

    private PrometheusTemplates() {
    }

    /** Every function a template may call. */
    public static Set<String> functions() {
        return FUNCTIONS;
    }

    /**
     * Empty when Prometheus accepts {@code value} as a label or annotation of alert
     * {@code alertName}; else Go's error, its offset counted in {@code value}.
     */
    public static Optional<TemplateError> check(String alertName, String value) {
        // Cheap exit for the common case: without "{{" the text is one text node.
        if (!value.contains("{{")) return Optional.empty();
        TemplateError error = Tree.parse("__alert_" + alertName, DEFINITIONS + value, FUNCTIONS);
        return Optional.ofNullable(error).map(e -> e.shifted(DEFINITIONS.length()));
    }
}
