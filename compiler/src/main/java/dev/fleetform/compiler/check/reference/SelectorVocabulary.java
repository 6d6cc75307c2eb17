package dev.fleetform.compiler.check.reference;

import dev.fleetform.compiler.diag.DidYouMean;
import dev.fleetform.compiler.index.FleetIndex;
import dev.fleetform.compiler.model.Selector;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The names, roles and labels that hosts and VMs actually carry, gathered in one pass, to tell
 * a user which part of an empty selector matched nothing.
 */
final class SelectorVocabulary {
    private final FleetIndex index;
    private final Set<String> names = new HashSet<>();
    private final Set<String> roles = new TreeSet<>();
    private final Map<String, Set<String>> labels = new HashMap<>();

    private SelectorVocabulary(FleetIndex index) {
        this.index = index;
    }

    static SelectorVocabulary of(FleetIndex index) {
        SelectorVocabulary v = new SelectorVocabulary(index);
        for (FleetIndex.Node n : index.nodes()) {
            v.names.add(n.name());
            v.roles.addAll(n.roles());
            for (var e : n.labels().entrySet()) {
                v.labels.computeIfAbsent(e.getKey(), k -> new TreeSet<>()).add(e.getValue());
            }
        }
        return v;
    }

    /** Which parts match nothing on their own; if each matches something, that they never meet. */
    String explain(Selector selector) {
        if (index.nodes().isEmpty()) return "the fleet has no hosts yet";
        List<String> reasons = new ArrayList<>();
        for (String name : selector.names()) {
            if (!names.contains(name)) reasons.add(withSuggestion("no host or VM is named " + name, name, names));
        }
        for (String role : selector.roles()) {
            if (!roles.contains(role)) reasons.add(withSuggestion("no host or VM has role " + role, role, roles));
        }
        for (var e : selector.labels().entrySet()) {
            Set<String> values = labels.get(e.getKey());
            if (values == null) {
                reasons.add(withSuggestion("no host or VM has label " + e.getKey(), e.getKey(), labels.keySet()));
            } else if (!values.contains(e.getValue())) {
                reasons.add(withSuggestion("no host or VM has label " + e.getKey() + "=" + e.getValue(), e.getValue(), values)
                        + (values.size() <= 10 ? " (values in use: " + String.join(", ", values) + ")" : ""));
            }
        }
        if (!reasons.isEmpty()) return String.join("; ", reasons);
        return "each part matches some hosts or VMs, but none matches all of them together: " + describe(selector)
                + "; widen the selector or fix the hosts' roles and labels";
    }

    private static String withSuggestion(String reason, String wrong, Set<String> known) {
        String close = DidYouMean.closest(wrong, known);
        return close == null ? reason : reason + "; did you mean " + close + "?";
    }

    private static String describe(Selector s) {
        List<String> parts = new ArrayList<>();
        if (!s.names().isEmpty()) parts.add("names " + s.names());
        if (!s.roles().isEmpty()) parts.add("roles " + s.roles());
        if (!s.labels().isEmpty()) parts.add("labels " + s.labels());
        return String.join(", ", parts);
    }
}
