package dev.fleetform.compiler.model;

import dev.fleetform.compiler.diag.Origin;

import java.util.List;
import java.util.Map;

/** Selects hosts and VMs; every given part must match. */
public record Selector(List<String> names, List<String> roles, Map<String, String> labels, Origin origin) {

    public boolean matches(String name, List<String> nodeRoles, Map<String, String> nodeLabels) {
        if (!names.isEmpty() && !names.contains(name)) return false;
        if (!roles.isEmpty() && !nodeRoles.containsAll(roles)) return false;
        for (var e : labels.entrySet()) {
            if (!e.getValue().equals(nodeLabels.get(e.getKey()))) return false;
        }
        return true;
    }
}
