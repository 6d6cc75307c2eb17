package dev.fleetform.compiler.check.kubernetes;

import dev.fleetform.compiler.check.CheckContext;
import dev.fleetform.compiler.check.Reporter;
import dev.fleetform.compiler.check.Rule;
import dev.fleetform.compiler.check.SourceLines;
import dev.fleetform.compiler.index.FleetIndex.Node;
import dev.fleetform.compiler.model.Cluster;
import dev.fleetform.compiler.model.Pool;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * POOL-NODE-ONCE: a host or VM is in at most one pool per cluster (a node carries one set of
 * pool labels and taints). One error per pair of overlapping pools, listing the shared nodes.
 */
public final class PoolNodeOnceRule implements Rule {
    private static final int LISTED = 5;

    @Override
    public String id() {
        return "POOL-NODE-ONCE";
    }

    @Override
    public void check(CheckContext ctx, Reporter out) {
        for (Cluster cluster : ctx.fleet().clusters()) {
            if (cluster.pools().size() < 2) continue;
            // Index nodes are single instances, so identity is the node (names may repeat: NAME-UNIQUE).
            Map<Node, Pool> owner = new IdentityHashMap<>();
            for (Pool pool : cluster.pools()) {
                Map<Pool, List<String>> shared = new LinkedHashMap<>();
                for (Node node : ctx.index().select(pool.nodes())) {
                    Pool first = owner.putIfAbsent(node, pool);
                    if (first != null) shared.computeIfAbsent(first, p -> new ArrayList<>()).add(node.name());
                }
                shared.forEach((first, nodes) -> report(ctx, out, cluster, first, pool, nodes));
            }
        }
    }

    private static void report(CheckContext ctx, Reporter out, Cluster cluster, Pool first, Pool second, List<String> nodes) {
        String listed = String.join(", ", nodes.subList(0, Math.min(LISTED, nodes.size())))
                + (nodes.size() > LISTED ? " and " + (nodes.size() - LISTED) + " more" : "");
        out.error(second.nodes().origin(),
                "pool " + cluster.name() + "/" + second.name() + " selects " + nodes.size()
                        + (nodes.size() == 1 ? " node" : " nodes") + " already in pool " + first.name()
                        + " (at " + SourceLines.fileLine(ctx, first.origin()) + "): " + listed,
                "a node is in at most one pool per cluster: narrow one of the two selectors"
                        + " (e.g. by a label) so they do not overlap");
    }
}
