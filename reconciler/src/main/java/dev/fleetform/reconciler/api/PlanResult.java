package dev.fleetform.reconciler.api;

import dev.fleetform.compiler.Validation;
import dev.fleetform.compiler.diag.Diagnostic;
import dev.fleetform.compiler.plan.Plan;

import java.util.List;

/** What {@code plan().call()} found: a plan, or why there is none. */
public sealed interface PlanResult {

    /**
     * The head revision is invalid, so nothing is planned.
     *
     * @param head         its validation, with the errors
     * @param headRevision the head commit abbreviated, or null for the working tree
     */
    record HeadInvalid(Validation head, String headRevision) implements PlanResult {
    }

    /** {@code approvals.yaml} at the head is malformed; its problems, sorted. */
    record ApprovalsInvalid(List<Diagnostic> problems) implements PlanResult {
    }

    /**
     * The changes from base to head.
     *
     * @param plan         the changes, with a warning when the base was invalid (it is then planned as empty)
     * @param baseRevision the base commit abbreviated
     * @param headRevision the head commit abbreviated, or null for the working tree
     * @param artefactDiff the unified diff of the compiled files, or null unless asked for
     */
    record Planned(Plan plan, String baseRevision, String headRevision, String artefactDiff) implements PlanResult {
    }
}
