package dev.fleetform.compiler.check.reference;

import dev.fleetform.compiler.check.CheckContext;
import dev.fleetform.compiler.check.Reporter;
import dev.fleetform.compiler.check.Rule;
import dev.fleetform.compiler.diag.DidYouMean;
import dev.fleetform.compiler.model.Cluster;
import dev.fleetform.compiler.model.Miner;

import java.util.LinkedHashSet;
import java.util.Set;

/** REF-CLUSTER: a miner's {@code cluster} names a cluster of {@code kubernetes.clusters}. */
public final class RefClusterRule implements Rule {

    @Override
    public String id() {
        return "REF-CLUSTER";
    }

    @Override
    public void check(CheckContext ctx, Reporter out) {
        Set<String> clusters = new LinkedHashSet<>();
        for (Cluster c : ctx.fleet().clusters()) clusters.add(c.name());
        for (Miner m : ctx.fleet().miners()) {
            if (m.cluster() == null || clusters.contains(m.cluster())) continue;
            String fallback = clusters.isEmpty()
                    ? "define the cluster under kubernetes.clusters"
                    : "clusters: " + String.join(", ", clusters);
            out.error(m.origin().child("cluster"),
                    "miner " + m.name() + " names cluster '" + m.cluster() + "', which kubernetes.clusters does not define",
                    DidYouMean.hint(m.cluster(), clusters, fallback));
        }
    }
}
