package dev.fleetform.reconciler.kubernetes.prune;

/**
 * The mass-prune guard's verdict on a run's deletions: all of them go ahead, or none does. A
 * fleet.yaml that lost a cluster's section, or a wrong file, must not empty a cluster.
 */
public sealed interface Guard permits Guard.Ok, Guard.Blocked {
    Guard OK = new Ok();

    default boolean allows() {
        return this instanceof Ok;
    }

    /** Within the limits, or confirmed with the right count. */
    record Ok() implements Guard {
    }

    /**
     * Nothing is deleted.
     *
     * @param deletions the count {@code --confirm-prune} must name to let them through
     * @param reason    what the user reads: the counts, why, and the flag to run again with
     */
    record Blocked(int deletions, String reason) implements Guard {
    }
}
