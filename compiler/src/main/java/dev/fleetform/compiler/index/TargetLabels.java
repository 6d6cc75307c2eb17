package dev.fleetform.compiler.index;

import dev.fleetform.compiler.model.Fleet;
import dev.fleetform.compiler.promql.LabelName;

import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The labels of each host's or VM's scrape targets: its own labels under Prometheus label names,
 * then {@code host}, {@code role} and {@code pool}, which win over same-named ones. The file_sd
 * files and Consul service meta carry them, and CONSUL-META checks them against Consul's limits.
 * Each node's map is made once and shared by every job the node is in (a fleet of 10,000 hosts
 * has tens of thousands of target groups); label names are converted once each.
 */
public final class TargetLabels {
    private final NodePools pools;
    private final Map<FleetIndex.Node, SortedMap<String, String>> byNode = new IdentityHashMap<>();
    private final Map<String, String> names = new HashMap<>();

    public TargetLabels(Fleet fleet, FleetIndex index) {
        this.pools = NodePools.of(fleet, index);
    }

    /** The node's target labels, sorted by name; not to be modified. */
    public SortedMap<String, String> of(FleetIndex.Node n) {
        SortedMap<String, String> known = byNode.get(n);
        if (known != null) return known;
        SortedMap<String, String> labels = new TreeMap<>();
        n.labels().forEach((k, v) -> labels.put(names.computeIfAbsent(k, LabelName::of), v));
        labels.put("host", n.name());
        if (!n.roles().isEmpty()) labels.put("role", String.join(",", n.roles()));
        List<NodePools.Membership> in = pools.of(n.name());
        if (!in.isEmpty()) {
            labels.put("pool", in.stream().map(p -> p.pool().name()).collect(Collectors.joining(",")));
        }
        SortedMap<String, String> shared = Collections.unmodifiableSortedMap(labels);
        byNode.put(n, shared);
        return shared;
    }
}
