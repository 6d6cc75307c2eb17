package dev.fleetform.compiler.emit.prometheus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The built-in alert rules ({@code monitoring.baselineRules: true}) for node_exporter,
 * dcgm-exporter, kube-state-metrics and the reconciler's own metrics.
 */
final class BaselineRules {

    static final String GROUP = "fleetform-baseline";
    static final String TEAM = "sre";
    /** Each alert's runbook is an anchor (its lower-cased name) on this page of the docs. */
    static final String RUNBOOK_BASE = "https://fleetform.dev/docs/alerts#";

    /** Filesystems that are read-only or throw-away by nature. */
    private static final String REAL_FS = "fstype!~\"tmpfs|ramfs|squashfs|iso9660|overlay|nsfs|fuse.*\"";

    record Alert(String name, String expr, String forDuration, String severity, String summary) {
    }

    static final List<Alert> ALERTS = List.of(
            new Alert("HostDown", "up{job=\"node\"} == 0", "5m", "critical",
                    "Host {{ $labels.host }} is down (node_exporter unreachable)"),
            new Alert("HostMemoryPressure",
                    "node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes < 0.10", "10m", "warning",
                    "Host {{ $labels.host }} has less than 10% memory available"),
            new Alert("HostHighLoad",
                    "node_load5 / count without (cpu, mode) (node_cpu_seconds_total{mode=\"idle\"}) > 2",
                    "15m", "warning",
                    "Host {{ $labels.host }} load is {{ $value | printf \"%.1f\" }} per core"),
            new Alert("HostDiskWillFillIn24h",
                    "predict_linear(node_filesystem_avail_bytes{" + REAL_FS + "}[6h], 24 * 3600) < 0"
                            + " and node_filesystem_readonly{" + REAL_FS + "} == 0",
                    "30m", "warning",
                    "Filesystem {{ $labels.mountpoint }} on {{ $labels.host }} will fill within 24h"),
            new Alert("HostDiskIoSaturated", "rate(node_disk_io_time_seconds_total[5m]) > 0.9", "30m", "warning",
                    "Disk {{ $labels.device }} on {{ $labels.host }} is busy over 90% of the time"),
            // A missing active member, or a failed one (also a failed spare).
            new Alert("RaidDegraded",
                    "(node_md_disks_required - ignoring(state) node_md_disks{state=\"active\"}) > 0"
                            + " or ignoring(state) node_md_disks{state=\"failed\"} > 0",
                    "1m", "critical",
                    "RAID array {{ $labels.device }} on {{ $labels.host }} is degraded"),
            new Alert("FilesystemReadOnly", "node_filesystem_readonly{" + REAL_FS + "} == 1", "5m", "critical",
                    "Filesystem {{ $labels.mountpoint }} on {{ $labels.host }} is read-only"),
            new Alert("GpuExporterDown", "up{job=\"gpu\"} == 0", "5m", "critical",
                    "GPU exporter on {{ $labels.host }} is down"),
            new Alert("GpuHot", "DCGM_FI_DEV_GPU_TEMP > 85", "10m", "warning",
                    "GPU {{ $labels.gpu }} on {{ $labels.host }} is at {{ $value }} C"),
            new Alert("GpuXidErrors", "DCGM_FI_DEV_XID_ERRORS > 0", "1m", "critical",
                    "GPU {{ $labels.gpu }} on {{ $labels.host }} reported XID error {{ $value }}"),
            // kube-state-metrics puts deployment labels on kube_deployment_labels only (needs
            // --metric-labels-allowlist=deployments=[app.kubernetes.io/managed-by]).
            new Alert("MinerReplicasUnavailable",
                    "kube_deployment_status_replicas_unavailable"
                            + " * on(namespace, deployment) group_left()"
                            + " kube_deployment_labels{label_app_kubernetes_io_managed_by=\"fleetform\"} > 0",
                    "15m", "warning",
                    "Deployment {{ $labels.namespace }}/{{ $labels.deployment }} has {{ $value }} unavailable replicas"),
            new Alert("FleetformReconcileFailing",
                    "sum(increase(" + FleetformMetrics.RECONCILE_TOTAL + "{result=~\"" + FleetformMetrics.FAILING_RESULTS + "\"}[15m])) > 0", "30m", "warning",
                    "Fleetform reconcile passes keep failing"),
            // the loop exposes the timestamp only once a run converged: a loop just started, one that
            // never did (Failing covers it) and a --leader-elect standby have no series, so no alert
            new Alert("FleetformReconcileStale",
                    "time() - " + FleetformMetrics.LAST_SUCCESS_TIMESTAMP_SECONDS + " > 3600", "10m", "warning",
                    "Fleetform has not converged the fleet for over an hour"),
            new Alert("FleetformDrift", "sum(" + FleetformMetrics.DRIFT_RESOURCES + ") > 0", "30m", "warning",
                    "{{ $value }} resources differ from git and were not corrected"));

    private BaselineRules() {
    }

    static Map<String, Object> file() {
        List<Object> rules = new ArrayList<>();
        for (Alert a : ALERTS) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("alert", a.name());
            r.put("expr", a.expr());
            r.put("for", a.forDuration());
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put("severity", a.severity());
            labels.put("team", TEAM);
            r.put("labels", labels);
            Map<String, String> annotations = new LinkedHashMap<>();
            annotations.put("summary", a.summary());
            annotations.put("runbook_url", RUNBOOK_BASE + a.name().toLowerCase(Locale.ROOT));
            r.put("annotations", annotations);
            rules.add(r);
        }
        return RuleFiles.groups(GROUP, rules);
    }
}
