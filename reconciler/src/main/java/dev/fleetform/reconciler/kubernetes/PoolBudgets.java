package dev.fleetform.reconciler.kubernetes;

import dev.fleetform.changes.Address;
import dev.fleetform.compiler.index.FleetIndex;
import dev.fleetform.compiler.index.NodePools;
import dev.fleetform.compiler.model.Cluster;
import dev.fleetform.compiler.model.Fleet;
import dev.fleetform.compiler.model.Miner;
import dev.fleetform.reconciler.engine.Budget;

import java.util.ArrayList;
import java.util.List;

/**
 * The budget of a pool's nodes: a disruptive change of a node (a NoExecute taint, a new vGPU
 * configuration) takes its pods away, so at most the smallest {@code maxUnavailable} of the
 * workloads that run on the pool are changed at once, and the next only once those workloads are
 * fully available again. A pool no workload of the fleet runs on goes one node at a time: other
 * people's pods may run there.
 */
final class PoolBudgets {
    private final String cluster;
    private final NodePools pools;
    private final List<Miner> miners;

    PoolBudgets(Fleet fleet, FleetIndex index, Cluster cluster) {
        this.cluster = cluster.name();
        this.pools = NodePools.of(fleet, index);
        this.miners = fleet.miners().stream().filter(m -> m.cluster().equals(cluster.name())).toList();
    }

    /** The pool of node {@code name} in this cluster, or null when git puts it in none. */
    String pool(String node) {
        for (NodePools.Membership m : pools.of(node)) if (m.cluster().name().equals(cluster)) return m.pool().name();
        return null;
    }

    /** The budget of the nodes of {@code pool}. */
    Budget of(String pool) {
        String group = KubernetesProvider.FAMILY + "/" + cluster + "/pool/" + pool;
        Miner smallest = null;
        for (Miner m : onPool(pool)) if (smallest == null || m.maxUnavailable() < smallest.maxUnavailable()) smallest = m;
        if (smallest == null) return new Budget(group, 1, "no workload of the fleet runs there: one node at a time");
        return new Budget(group, Math.max(1, smallest.maxUnavailable()), "of " + smallest.namespace() + "/" + smallest.name());
    }

    /** The Deployments of the workloads on {@code pool}: what must be available again before the next wave. */
    List<Address.Kube> deployments(String pool) {
        List<Address.Kube> out = new ArrayList<>();
        for (Miner m : onPool(pool)) out.add(new Address.Kube(cluster, "apps/v1", "Deployment", m.namespace(), m.name()));
        return out;
    }

    private List<Miner> onPool(String pool) {
        return miners.stream().filter(m -> pool.equals(m.pool())).toList();
    }
}
