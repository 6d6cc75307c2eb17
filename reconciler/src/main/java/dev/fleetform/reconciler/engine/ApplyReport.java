package dev.fleetform.reconciler.engine;

import java.util.ArrayList;
import java.util.List;

/** What {@code fleetform apply} did: the drift it started from and, per target, each change's outcome. */
public record ApplyReport(Drift drift, List<TargetRun> runs) {
    public ApplyReport {
        runs = List.copyOf(runs);
    }

    /**
     * One target's run.
     *
     * @param outcomes  in the order the changes were applied (blocked and refused ones first)
     * @param notInPlan changes found now that the saved plan ({@code --plan}) does not have: left alone
     */
    public record TargetRun(Target target, List<Outcome> outcomes, int notInPlan) {
        public TargetRun {
            outcomes = List.copyOf(outcomes);
        }

        public long count(Class<? extends Outcome> kind) {
            return outcomes.stream().filter(kind::isInstance).count();
        }
    }

    public List<Outcome> outcomes() {
        List<Outcome> all = new ArrayList<>();
        for (TargetRun r : runs) all.addAll(r.outcomes());
        return all;
    }

    /** Targets not observed, or changes that failed or were refused: exit 4. */
    public boolean failed() {
        return !drift.errors().isEmpty()
                || outcomes().stream().anyMatch(o -> o instanceof Outcome.Failed || o instanceof Outcome.Refused);
    }

    /** Changes left for a person (an approval, a confirmation): exit 3 when nothing failed. */
    public boolean blocked() {
        return outcomes().stream().anyMatch(o -> o instanceof Outcome.Blocked);
    }
}
