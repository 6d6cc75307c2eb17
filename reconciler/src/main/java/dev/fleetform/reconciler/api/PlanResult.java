package dev.fleetform.reconciler.api;

import dev.fleetform.compiler.Validation;
import dev.fleetform.compiler.diag.Diagnostic;
import dev.fleetform.changes.Plan;

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
     * The base and every revision before it that was tried are invalid, so no honest plan exists
     * (planning against an empty fleet would hide what the head removes).
     *
     * @param reason what was tried
     * @param hint   what to do
     */
    record BaseInvalid(String reason, String hint) implements PlanResult {
    }

    /**
     * The changes from base to head.
     *
     * @param plan         the changes, with a warning when the base asked for was invalid (then the
     *                     last valid revision before it is the base) or declares no fleet
     * @param baseRevision the base commit abbreviated
     * @param headRevision the head commit abbreviated, or null for the working tree
     * @param artefactDiff the unified diff of the compiled files, or null unless asked for
     */
    record Planned(Plan plan, String baseRevision, String headRevision, String artefactDiff) implements PlanResult {
    }
}
