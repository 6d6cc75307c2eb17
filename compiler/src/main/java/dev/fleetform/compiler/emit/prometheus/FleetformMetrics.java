package dev.fleetform.compiler.emit.prometheus;

/**
 * Names of the metrics the reconciler exposes on {@code /metrics}. The baseline alert rules
 * query them, so the reconciler must register exactly these names: both use this class.
 */
public final class FleetformMetrics {

    /** Counter: reconcile passes that ended in an error (a bad commit, an unreachable host, ...). */
    public static final String RECONCILE_ERRORS_TOTAL = "fleetform_reconcile_errors_total";

    /** Gauge: Unix time of the last reconcile pass that converged without error. */
    public static final String LAST_SUCCESS_TIMESTAMP_SECONDS = "fleetform_last_success_timestamp_seconds";

    /** Gauge: resources whose live state differs from git after the last pass. */
    public static final String DRIFT_RESOURCES = "fleetform_drift_resources";

    private FleetformMetrics() {
    }
}
