package dev.fleetform.compiler.index;

import dev.fleetform.compiler.model.Cluster;
import dev.fleetform.compiler.model.Fleet;
import dev.fleetform.compiler.model.Pool;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Which node pools each host or VM is in, computed once per fleet (one select per pool). */
public final class NodePools {

    /** A pool of a cluster. */
    public record Membership(Cluster cluster, Pool pool) {
    }

    private final Map<String, List<Membership>> byNode;

    private NodePools(Map<String, List<Membership>> byNode) {
        this.byNode = byNode;
    }

    public static NodePools of(Fleet fleet, FleetIndex index) {
        Map<String, List<Membership>> byNode = new HashMap<>();
        for (Cluster c : fleet.clusters()) {
            for (Pool p : c.pools()) {
                for (FleetIndex.Node n : index.select(p.nodes())) {
                    byNode.computeIfAbsent(n.name(), k -> new ArrayList<>()).add(new Membership(c, p));
                }
            }
        }
        return new NodePools(byNode);
    }

    /** The node's pools in file order (clusters, then pools); empty when it is in none. */
    public List<Membership> of(String nodeName) {
        return byNode.getOrDefault(nodeName, List.of());
    }
}
