package dev.fleetform.compiler.emit.prometheus;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The shape of a Prometheus rule file with one group. */
final class RuleFiles {
    private RuleFiles() {
    }

    static Map<String, Object> groups(String group, List<Object> rules) {
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("name", group);
        g.put("rules", rules);
        return Map.of("groups", List.of(g));
    }
}
