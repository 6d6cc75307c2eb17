package dev.fleetform.compiler.emit.prometheus;

import dev.fleetform.compiler.model.AlertRule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code monitoring.alerts} as one rule group; the {@code severity} field wins over a same-named label. */
final class UserRules {
    static final String GROUP = "fleetform-user";

    private UserRules() {
    }

    static Map<String, Object> file(List<AlertRule> alerts) {
        List<Object> rules = new ArrayList<>(alerts.size());
        for (AlertRule a : alerts) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("alert", a.name());
            r.put("expr", a.expr());
            if (a.forDuration() != null) r.put("for", a.forDuration());
            Map<String, String> labels = new TreeMap<>(a.labels());
            if (a.severity() != null) labels.put("severity", a.severity().yamlName());
            if (!labels.isEmpty()) r.put("labels", labels);
            Map<String, String> annotations = new LinkedHashMap<>();
            if (a.summary() != null) annotations.put("summary", a.summary());
            if (a.runbook() != null) annotations.put("runbook_url", a.runbook());
            if (!annotations.isEmpty()) r.put("annotations", annotations);
            rules.add(r);
        }
        return RuleFiles.groups(GROUP, rules);
    }
}
