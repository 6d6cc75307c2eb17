package dev.fleetform.compiler.check.reference;

import dev.fleetform.compiler.check.CheckContext;
import dev.fleetform.compiler.check.Reporter;
import dev.fleetform.compiler.check.Rule;
import dev.fleetform.compiler.diag.DidYouMean;
import dev.fleetform.compiler.model.Cluster;
import dev.fleetform.compiler.model.Miner;
import dev.fleetform.compiler.model.Pool;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** REF-POOL: a miner's {@code pool} names a pool of its cluster (an unknown cluster is REF-CLUSTER's). */
public final class RefPoolRule implements Rule {

    @Override
    public String id() {
        return "REF-POOL";
    }

    @Override
    public void check(CheckContext ctx, Reporter out) {
        Map<String, Set<String>> poolsByCluster = new HashMap<>();
        for (Cluster c : ctx.fleet().clusters()) {
            Set<String> pools = poolsByCluster.computeIfAbsent(c.name(), k -> new LinkedHashSet<>());
            for (Pool p : c.pools()) pools.add(p.name());
        }
        for (Miner m : ctx.fleet().miners()) {
            Set<String> pools = m.cluster() == null ? null : poolsByCluster.get(m.cluster());
            if (pools == null || m.pool() == null || pools.contains(m.pool())) continue;
            String fallback = pools.isEmpty()
                    ? "cluster " + m.cluster() + " has no pools: add one under its 'pools'"
                    : "pools of cluster " + m.cluster() + ": " + String.join(", ", pools);
            out.error(m.origin().child("pool"),
                    "miner " + m.name() + " names pool '" + m.pool() + "', which cluster " + m.cluster() + " does not have",
                    DidYouMean.hint(m.pool(), pools, fallback));
        }
    }
}
