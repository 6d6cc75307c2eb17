package dev.fleetform.compiler.check.workload;

import dev.fleetform.compiler.check.CheckContext;
import dev.fleetform.compiler.check.Reporter;
import dev.fleetform.compiler.check.Rule;
import dev.fleetform.compiler.diag.Origin;
import dev.fleetform.compiler.model.Cluster;
import dev.fleetform.compiler.model.Miner;
import dev.fleetform.compiler.model.Pool;
import dev.fleetform.compiler.model.Saturating;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * MINER-FIT: at peak (replicas, or autoscale.max) the miners of a pool fit its nodes:
 * Σ replicas × cores ≤ Σ node cores and Σ replicas × gpu ≤ Σ node GPUs. Reported at the miner
 * whose replicas overflow the pool, with the pool's totals. Unknown pools are REF-POOL's and
 * pools without nodes SELECTOR-EMPTY's.
 */
public final class MinerFitRule implements Rule {

    @Override
    public String id() {
        return "MINER-FIT";
    }

    @Override
    public void check(CheckContext ctx, Reporter out) {
        Map<String, Pool> pools = new HashMap<>();
        for (Cluster c : ctx.fleet().clusters()) {
            for (Pool p : c.pools()) pools.putIfAbsent(c.name() + "/" + p.name(), p);
        }
        Map<String, List<Miner>> minersByPool = new LinkedHashMap<>();
        for (Miner m : ctx.fleet().miners()) {
            String key = m.cluster() + "/" + m.pool();
            if (pools.containsKey(key)) minersByPool.computeIfAbsent(key, k -> new ArrayList<>()).add(m);
        }
        minersByPool.forEach((key, miners) -> {
            Pool pool = pools.get(key);
            PoolCapacity capacity = PoolCapacity.of(ctx.index().select(pool.nodes()));
            if (capacity.nodes() == 0) return;
            fit(out, key, miners, "cores", Miner::cores, capacity.cores(), capacity);
            fit(out, key, miners, "GPUs", Miner::gpu, capacity.gpus(), capacity);
        });
    }

    private static void fit(Reporter out, String pool, List<Miner> miners, String unit,
                            ToIntFunction<Miner> perReplica, long available, PoolCapacity capacity) {
        long total = 0;
        Miner overflowing = null;
        List<String> terms = new ArrayList<>();
        for (Miner m : miners) {
            long need = Saturating.multiply(m.peakReplicas(), perReplica.applyAsInt(m));
            if (need == 0) continue;
            total = Saturating.add(total, need);
            terms.add(m.name() + " " + m.peakReplicas() + " × " + perReplica.applyAsInt(m));
            if (overflowing == null && total > available) overflowing = m;
        }
        if (overflowing == null) return;
        String nodes = capacity.nodes() + (capacity.nodes() == 1 ? " node has " : " nodes have ");
        out.error(peakField(overflowing),
                "miners of pool " + pool + " need " + total + " " + unit + " at peak (" + String.join(" + ", terms)
                        + ") but its " + nodes + available + " " + unit,
                "lower replicas" + (overflowing.autoscale() != null ? " (autoscale.max)" : "") + " or " + unit
                        + " per replica, or add nodes to the pool");
    }

    /** The number that sets the peak: autoscale.max when autoscaling, else replicas. */
    private static Origin peakField(Miner m) {
        return m.autoscale() != null ? m.origin().child("autoscale").child("max") : m.origin().child("replicas");
    }
}
