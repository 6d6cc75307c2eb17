package dev.fleetform.reconciler.engine;

import java.util.Objects;

/**
 * How many disruptive changes of one group may be under way at once: the nodes of a pool, bounded
 * by the {@code maxUnavailable} of the workloads that run on it. The engine applies a group in
 * waves of at most {@code maxUnavailable}, the next wave only after the provider reported the
 * previous one healthy, and stops the group at the first wave that is not.
 *
 * @param group          what the budget protects, named as an address prefix ({@code k8s/prod/pool/cpu-miners})
 * @param maxUnavailable at most this many changes of the group at once (at least 1)
 * @param source         where the figure comes from, for the report ({@code maxUnavailable of mining/ore-miner})
 */
public record Budget(String group, int maxUnavailable, String source) {
    public Budget {
        Objects.requireNonNull(group);
        Objects.requireNonNull(source);
        if (maxUnavailable < 1) throw new IllegalArgumentException("maxUnavailable must be >= 1: " + maxUnavailable);
    }

    /** {@code k8s/prod/pool/cpu-miners (maxUnavailable 1, of mining/ore-miner)}: how a report names it. */
    public String describe() {
        return group + " (maxUnavailable " + maxUnavailable + ", " + source + ")";
    }
}
