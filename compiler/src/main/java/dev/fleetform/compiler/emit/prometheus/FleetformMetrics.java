package dev.fleetform.compiler.emit.prometheus;

/**
 * Names of the metrics the reconciler exposes on {@code /metrics}. The baseline alert rules
 * query them, so the reconciler must register exactly these names: both use this class.
 */
public final class FleetformMetrics {

    /**
     * Counter: reconcile runs by {@code result}: {@code success}, {@code blocked} (converged except
     * changes awaiting approval), {@code failed}, {@code rejected} (a bad or untrusted commit),
     * {@code unreachable} (git), {@code abandoned} (deadline or shutdown).
     */
    public static final String RECONCILE_TOTAL = "fleetform_reconcile_total";

    /** The results of {@link #RECONCILE_TOTAL} that did not converge the fleet: what the failing alert counts. */
    public static final String FAILING_RESULTS = "failed|rejected|unreachable|abandoned";

    /** Histogram: wall time of a run. */
    public static final String RECONCILE_DURATION_SECONDS = "fleetform_reconcile_duration_seconds";

    /** Info: {@code sha} of the commit last applied. */
    public static final String LAST_APPLIED_COMMIT_INFO = "fleetform_last_applied_commit_info";

    /** Gauge by {@code risk}: changes awaiting approval or a confirmation after the last run. */
    public static final String BLOCKED_CHANGES = "fleetform_blocked_changes";

    /** Gauge by {@code provider}: targets not observed or with a failed change in the last run. */
    public static final String TARGETS_FAILED = "fleetform_targets_failed";

    /** Gauge: Unix time of the last reconcile pass that converged without error. */
    public static final String LAST_SUCCESS_TIMESTAMP_SECONDS = "fleetform_last_success_timestamp_seconds";

    /** Gauge by {@code provider} and {@code kind}: resources whose live state differs from git after the last run. */
    public static final String DRIFT_RESOURCES = "fleetform_drift_resources";

    private FleetformMetrics() {
    }
}
