package dev.fleetform.compiler.emit.ansible;

import dev.fleetform.compiler.index.FleetIndex;
import dev.fleetform.compiler.index.NodePools;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The YAML inventory: vars shared through {@code defaults} under {@code all.vars}, vars every
 * member of a profile group shares under that group's {@code vars}, every host and VM under
 * {@code all.hosts} with the rest of its vars, and groups per role ({@code gpu}), service
 * ({@code service_mysql}), profile ({@code profile_gpu_a100x2}), node pool
 * ({@code <cluster>_<pool>}) and label value ({@code rack_r02}). Ansible gives every host the
 * same merged vars either way; writing shared ones once keeps a 50,000-host inventory small.
 */
final class Inventory {

    /** Per-host identity: never moved to a group even when a group has one member. */
    private static final Set<String> OWN = Set.of("ansible_host", "fleetform_host");

    private Inventory() {
    }

    static Map<String, Object> build(FleetIndex index, NodePools pools, HostVars hostVars) {
        Map<String, Map<String, Object>> hosts = new LinkedHashMap<>();
        Map<String, Map<String, Object>> groups = new TreeMap<>();
        Set<String> profileGroups = new TreeSet<>();
        for (FleetIndex.Node n : index.nodes()) {
            hosts.put(n.name(), hostVars.of(n));
            for (String role : n.roles()) join(groups, GroupName.of(role), n);
            if (!n.isVm()) {
                for (String service : n.host().services()) join(groups, GroupName.of("service", service), n);
                if (n.host().profile() != null) {
                    profileGroups.add(join(groups, GroupName.of("profile", n.host().profile()), n));
                }
            }
            for (NodePools.Membership m : pools.of(n.name())) {
                join(groups, GroupName.of(m.cluster().name(), m.pool().name()), n);
            }
            for (var label : n.labels().entrySet()) join(groups, GroupName.of(label.getKey(), label.getValue()), n);
        }
        Map<String, Object> children = new LinkedHashMap<>();
        groups.forEach((name, members) -> {
            Map<String, Object> group = new LinkedHashMap<>();
            if (profileGroups.contains(name)) {
                Map<String, Object> shared = hoistShared(members.keySet(), hosts);
                if (!shared.isEmpty()) group.put("vars", shared);
            }
            group.put("hosts", members);
            children.put(name, group);
        });
        Map<String, Object> all = new LinkedHashMap<>();
        if (!hostVars.common().isEmpty()) all.put("vars", hostVars.common());
        all.put("hosts", hosts);
        all.put("children", children);
        return Map.of("all", all);
    }

    /**
     * Removes from the members' vars those all of them have with equal values, and returns them.
     * Only profile groups get vars: a host is in at most one, so no two sibling groups compete.
     */
    private static Map<String, Object> hoistShared(Set<String> members, Map<String, Map<String, Object>> hosts) {
        if (members.size() < 2) return Map.of();
        Map<String, Object> shared = null;
        for (String m : members) {
            Map<String, Object> vars = hosts.get(m);
            if (shared == null) {
                shared = new LinkedHashMap<>(vars);
                shared.keySet().removeAll(OWN);
            } else {
                shared.entrySet().removeIf(e -> !e.getValue().equals(vars.get(e.getKey())));
            }
            if (shared.isEmpty()) return Map.of();
        }
        for (String m : members) hosts.get(m).keySet().removeAll(shared.keySet());
        return shared;
    }

    /** Adds the node to the group; returns the group's name. */
    private static String join(Map<String, Map<String, Object>> groups, String group, FleetIndex.Node n) {
        // "all" and "ungrouped" are Ansible's own groups: a role of that name must not merge into them.
        String name = group.equals("all") || group.equals("ungrouped") ? "_" + group : group;
        // A null value is how YAML inventories list a member without repeating its vars.
        groups.computeIfAbsent(name, k -> new LinkedHashMap<>()).put(n.name(), null);
        return name;
    }
}
