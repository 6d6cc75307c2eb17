package dev.fleetform.reconciler.loop.status;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** How a run ended; the {@code result} label of {@code fleetform_reconcile_total}. */
public enum Result {
    /** Every target observed, every allowed change applied: the fleet matches the commit. */
    SUCCESS(true),
    /** As success, except changes that wait for an approval or a confirmation. */
    BLOCKED(true),
    /** A target could not be observed, or a change failed or was refused. */
    FAILED(false),
    /** The commit was refused (invalid, unsigned, untrusted): the last good one was reconciled instead, or nothing. */
    REJECTED(false),
    /** The repository could not be fetched: nothing was reconciled. */
    UNREACHABLE(false),
    /** Stopped between steps: the deadline passed, or the process is shutting down. */
    ABANDONED(false),
    /** Still running. */
    RUNNING(false);

    private final boolean converged;

    Result(boolean converged) {
        this.converged = converged;
    }

    /** Whether the fleet matches git after this run (as far as policy allows): what {@code fleetform_last_success_timestamp_seconds} records. */
    public boolean converged() {
        return converged;
    }

    @JsonValue
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
