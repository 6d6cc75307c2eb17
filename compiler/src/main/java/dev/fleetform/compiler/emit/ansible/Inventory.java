package dev.fleetform.compiler.emit.ansible;

import dev.fleetform.compiler.check.FleetIndex;
import dev.fleetform.compiler.emit.NodePools;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The YAML inventory: every host and VM under {@code all.hosts} with its vars, and groups per
 * role ({@code gpu}), service ({@code service_mysql}), profile ({@code profile_gpu_a100x2}),
 * node pool ({@code <cluster>_<pool>}) and label value ({@code rack_r02}).
 */
final class Inventory {
    private Inventory() {
    }

    static Map<String, Object> build(FleetIndex index, NodePools pools, HostVars hostVars) {
        Map<String, Object> hosts = new LinkedHashMap<>();
        Map<String, Map<String, Object>> groups = new TreeMap<>();
        for (FleetIndex.Node n : index.nodes()) {
            hosts.put(n.name(), hostVars.of(n));
            for (String role : n.roles()) join(groups, GroupName.of(role), n);
            if (!n.isVm()) {
                for (String service : n.host().services()) join(groups, GroupName.of("service", service), n);
                if (n.host().profile() != null) join(groups, GroupName.of("profile", n.host().profile()), n);
            }
            for (NodePools.Membership m : pools.of(n.name())) {
                join(groups, GroupName.of(m.cluster().name(), m.pool().name()), n);
            }
            for (var label : n.labels().entrySet()) join(groups, GroupName.of(label.getKey(), label.getValue()), n);
        }
        Map<String, Object> children = new LinkedHashMap<>();
        groups.forEach((name, members) -> children.put(name, Map.of("hosts", members)));
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("hosts", hosts);
        all.put("children", children);
        return Map.of("all", all);
    }

    private static void join(Map<String, Map<String, Object>> groups, String group, FleetIndex.Node n) {
        // "all" and "ungrouped" are Ansible's own groups: a role of that name must not merge into them.
        String name = group.equals("all") || group.equals("ungrouped") ? "_" + group : group;
        // A null value is how YAML inventories list a member without repeating its vars.
        groups.computeIfAbsent(name, k -> new LinkedHashMap<>()).put(n.name(), null);
    }
}
