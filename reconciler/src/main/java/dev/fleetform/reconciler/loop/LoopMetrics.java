package dev.fleetform.reconciler.loop;

import dev.fleetform.compiler.emit.prometheus.FleetformMetrics;
import dev.fleetform.reconciler.loop.status.ChangeStatus;
import dev.fleetform.reconciler.loop.status.Result;
import dev.fleetform.reconciler.loop.status.RunStatus;
import dev.fleetform.reconciler.loop.status.TargetStatus;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.IOException;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * The loop's metrics, in a registry of their own (names from {@link FleetformMetrics}, which the
 * baseline alert rules query). Updated once at the end of each run, from its status.
 */
public final class LoopMetrics {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter runs = Counter.builder().name(FleetformMetrics.RECONCILE_TOTAL)
            .help("Reconcile runs by how they ended").labelNames("result").register(registry);
    private final Histogram duration = Histogram.builder().name(FleetformMetrics.RECONCILE_DURATION_SECONDS)
            .help("Wall time of a reconcile run").classicOnly()
            .classicUpperBounds(0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600).register(registry);
    private final Info lastApplied = Info.builder().name(FleetformMetrics.LAST_APPLIED_COMMIT_INFO)
            .help("The commit the loop last applied").labelNames("sha").register(registry);
    // registered at the first converged run, not before: a 0 would read as "last converged in 1970",
    // and the stale alert (time() - it > 1h) would fire for a loop just started or a standby replica
    private final Gauge lastSuccess = Gauge.builder().name(FleetformMetrics.LAST_SUCCESS_TIMESTAMP_SECONDS)
            .help("Unix time of the last run that converged the fleet (success or blocked); absent until one has").build();
    private boolean lastSuccessRegistered;
    private final Gauge drift = Gauge.builder().name(FleetformMetrics.DRIFT_RESOURCES)
            .help("Resources whose live state differs from git after the last run").labelNames("provider", "kind").register(registry);
    private final Gauge blocked = Gauge.builder().name(FleetformMetrics.BLOCKED_CHANGES)
            .help("Changes awaiting an approval or a confirmation after the last run").labelNames("risk").register(registry);
    private final Gauge targetsFailed = Gauge.builder().name(FleetformMetrics.TARGETS_FAILED)
            .help("Targets not observed, or with a change that failed, in the last run").labelNames("provider").register(registry);

    public LoopMetrics() {
        for (Result r : Result.values()) if (r != Result.RUNNING) runs.initLabelValues(r.jsonName());
    }

    /** Records a finished run; the gauges describe it alone (a rejected commit keeps the last good one's figures). */
    public synchronized void record(RunStatus run) {
        runs.labelValues(run.result().jsonName()).inc();
        duration.observe(run.durationSeconds());
        if (run.applied() != null) lastApplied.setLabelValues(run.applied().sha());
        if (run.result().converged() && run.finished() != null) {
            lastSuccess.set(run.finished().toEpochMilli() / 1000.0);
            if (!lastSuccessRegistered) registry.register(lastSuccess);
            lastSuccessRegistered = true;
        }
        if (run.targets().isEmpty()) return; // nothing was observed: keep what the last observation said

        drift.clear();
        blocked.clear();
        targetsFailed.clear();
        for (ChangeStatus c : run.changes()) {
            if (c.outcome() == ChangeStatus.Outcome.APPLIED) continue;
            drift.labelValues(family(c.address()), c.kind()).inc();
        }
        for (ChangeStatus c : run.blocked()) blocked.labelValues(c.risk()).inc();
        Map<String, Integer> failedBy = new HashMap<>();
        for (TargetStatus t : run.targets()) {
            boolean failed = t.state() == TargetStatus.State.UNAVAILABLE || run.changes().stream().anyMatch(c ->
                    c.address().startsWith(t.address() + "/")
                            && (c.outcome() == ChangeStatus.Outcome.FAILED || c.outcome() == ChangeStatus.Outcome.REFUSED));
            failedBy.merge(t.family(), failed ? 1 : 0, Integer::sum); // 0 for a provider all of whose targets are fine
        }
        failedBy.forEach((provider, n) -> targetsFailed.labelValues(provider).set(n));
    }

    /** The Prometheus text format (version 0.0.4). */
    public void write(OutputStream out) throws IOException {
        new PrometheusTextFormatWriter(false).write(out, registry.scrape());
    }

    public String contentType() {
        return PrometheusTextFormatWriter.CONTENT_TYPE;
    }

    private static String family(String address) {
        int slash = address.indexOf('/');
        return slash < 0 ? address : address.substring(0, slash);
    }
}
