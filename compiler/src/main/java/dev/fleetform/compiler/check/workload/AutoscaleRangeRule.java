package dev.fleetform.compiler.check.workload;

import dev.fleetform.compiler.check.CheckContext;
import dev.fleetform.compiler.check.Reporter;
import dev.fleetform.compiler.check.Rule;
import dev.fleetform.compiler.model.Autoscale;
import dev.fleetform.compiler.model.Miner;

/**
 * AUTOSCALE-RANGE: {@code autoscale.min ≤ autoscale.max}, and {@code maxUnavailable} never exceeds
 * the replicas that are guaranteed to exist ({@code replicas}, or {@code autoscale.min}). The
 * schema already holds both bounds to at least 1; a parked miner ({@code replicas: 0}) has
 * nothing to roll out, so its default maxUnavailable is not an error.
 */
public final class AutoscaleRangeRule implements Rule {

    @Override
    public String id() {
        return "AUTOSCALE-RANGE";
    }

    @Override
    public void check(CheckContext ctx, Reporter out) {
        for (Miner m : ctx.fleet().miners()) {
            Autoscale a = m.autoscale();
            if (a != null && a.min() > a.max()) {
                out.error(m.origin().child("autoscale").child("min"),
                        "miner " + m.name() + " has autoscale.min " + a.min() + " above autoscale.max " + a.max(),
                        "make autoscale.min ≤ autoscale.max");
            }
            int floor = a != null ? a.min() : m.replicas();
            if (floor > 0 && m.maxUnavailable() > floor) {
                String of = a != null ? "autoscale.min " + floor : "replicas " + floor;
                out.error(m.origin().child("maxUnavailable"),
                        "miner " + m.name() + " has maxUnavailable " + m.maxUnavailable() + " above its " + of,
                        "make maxUnavailable ≤ " + (a != null ? "autoscale.min" : "replicas")
                                + ": a rollout cannot take down more replicas than exist");
            }
        }
    }
}
