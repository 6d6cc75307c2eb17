package dev.fleetform.compiler.plan;

import dev.fleetform.changes.Differ;
import dev.fleetform.changes.Parallel;
import dev.fleetform.changes.Plan;

import java.util.Set;

/** A git-to-git plan: the head's desired resources against the base's, as the one differ compares them. */
public final class Planner {
    private Planner() {
    }

    public static Plan plan(PlanInput base, PlanInput head, Set<String> approved) {
        return plan(base, head, approved, Parallel.SEQUENTIAL);
    }

    /** @param parallel the process's threads ({@code Workers}), for the comparisons */
    public static Plan plan(PlanInput base, PlanInput head, Set<String> approved, Parallel parallel) {
        return Differ.diff(head.resources(), base.resources(), approved, parallel);
    }
}
