package dev.fleetform.reconciler.api;

import dev.fleetform.compiler.Validation;
import dev.fleetform.compiler.diag.Diagnostic;
import dev.fleetform.reconciler.engine.ApplyReport;
import dev.fleetform.reconciler.engine.Drift;

import java.util.List;

/** What {@code drift().call()} and {@code apply().call()} found. */
public sealed interface ReconcileResult {

    /** The fleet is invalid: nothing was observed or written. */
    record Invalid(Validation validation) implements ReconcileResult {
    }

    /** {@code approvals.yaml} beside fleet.yaml is malformed: nothing was observed or written. */
    record ApprovalsInvalid(List<Diagnostic> problems) implements ReconcileResult {
    }

    /** drift: what apply would change; nothing was written. */
    record Observed(Drift drift) implements ReconcileResult {
    }

    /** apply: what was done. */
    record Applied(ApplyReport report) implements ReconcileResult {
    }

    /** Stopped between steps ({@link DriftCall#stopWhen}): nothing was written after the drift, if any, was observed. */
    record Stopped(Drift drift) implements ReconcileResult {
    }
}
