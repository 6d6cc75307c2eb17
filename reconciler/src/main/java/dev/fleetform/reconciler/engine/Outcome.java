package dev.fleetform.reconciler.engine;

import dev.fleetform.changes.ResourceChange;

/** What became of one change in a run. */
public sealed interface Outcome {
    ResourceChange change();

    /**
     * Written; the live state now matches git for this resource. {@code note} tells what the user
     * should know of how (a timer written but not enabled where PID 1 is not systemd), else empty.
     */
    record Applied(ResourceChange change, String note) implements Outcome {
        public Applied(ResourceChange change) {
            this(change, "");
        }
    }

    /** Not attempted, by policy: a destructive change awaiting approval, a budget, the mass-prune guard. */
    record Blocked(ResourceChange change, String why) implements Outcome {
    }

    /**
     * Not applied because the live resource is not what the saved plan saw (it changed since),
     * or a precondition does not hold (a Secret the workload needs is missing).
     */
    record Refused(ResourceChange change, String why) implements Outcome {
    }

    /** Attempted and failed after retries; {@code reason} names the cause (HTTP status, timeout). */
    record Failed(ResourceChange change, String reason) implements Outcome {
    }
}
