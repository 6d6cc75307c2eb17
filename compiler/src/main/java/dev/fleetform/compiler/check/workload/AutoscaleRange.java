package dev.fleetform.compiler.check.workload;

import dev.fleetform.compiler.check.CheckContext;
import dev.fleetform.compiler.check.Reporter;
import dev.fleetform.compiler.check.Rule;
import dev.fleetform.compiler.load.Origin;
import dev.fleetform.compiler.model.Autoscale;
import dev.fleetform.compiler.model.Miner;

/**
 * AUTOSCALE-RANGE: {@code autoscale} has 1 ≤ min ≤ max, and {@code maxUnavailable} never exceeds
 * the replicas that are guaranteed to exist ({@code replicas}, or {@code autoscale.min}).
 */
public final class AutoscaleRange implements Rule {

    @Override
    public String id() {
        return "AUTOSCALE-RANGE";
    }

    @Override
    public void check(CheckContext ctx, Reporter out) {
        for (Miner m : ctx.fleet().miners()) {
            Autoscale a = m.autoscale();
            Origin autoscale = m.origin().child("autoscale");
            if (a != null && a.min() < 1) {
                out.error(autoscale.child("min"), "miner " + m.name() + " has autoscale.min " + a.min() + "; it must be at least 1",
                        "set autoscale.min to 1 or more (the HorizontalPodAutoscaler never scales to zero)");
            }
            if (a != null && a.min() > a.max()) {
                out.error(autoscale.child("min"),
                        "miner " + m.name() + " has autoscale.min " + a.min() + " above autoscale.max " + a.max(),
                        "make autoscale.min ≤ autoscale.max");
            }
            int floor = a != null ? a.min() : m.replicas();
            if (m.maxUnavailable() > floor) {
                String of = a != null ? "autoscale.min " + floor : "replicas " + floor;
                out.error(m.origin().child("maxUnavailable"),
                        "miner " + m.name() + " has maxUnavailable " + m.maxUnavailable() + " above its " + of,
                        "make maxUnavailable ≤ " + (a != null ? "autoscale.min" : "replicas")
                                + ": a rollout cannot take down more replicas than exist");
            }
        }
    }
}
