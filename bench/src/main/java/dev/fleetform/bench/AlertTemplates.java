package dev.fleetform.bench;

import java.util.List;
import java.util.function.IntFunction;

/**
 * Valid PromQL shapes for synthetic alert rules: selectors, regex matchers, rates, aggregations,
 * vector matching, offsets, histogram quantiles and functions, each filled with a number so that
 * no two rules are alike.
 */
final class AlertTemplates {

    /** @param expr the expression for a pseudo-random non-negative number */
    record Template(String name, String team, IntFunction<String> expr) {
    }

    static final List<Template> ALL = List.of(
            new Template("HostDown", "sre", n -> "up{job=\"node\", instance=~\"stor-%06d.*\"} == 0".formatted(n)),
            new Template("FilesystemLow", "storage", n -> ("node_filesystem_avail_bytes{mountpoint=\"/srv/data\"}"
                    + " / node_filesystem_size_bytes{mountpoint=\"/srv/data\"} < 0.%02d").formatted(5 + n % 20)),
            new Template("DiskBusy", "storage", n ->
                    "rate(node_disk_io_time_seconds_total{device=\"md0\", instance=~\"stor-%06d.*\"}[5m]) > 0.9".formatted(n)),
            new Template("GpuHot", "gpu", n ->
                    "max by (Hostname, gpu) (DCGM_FI_DEV_GPU_TEMP{Hostname=~\"a100-%06d.*\"}) > %d".formatted(n, 80 + n % 10)),
            new Template("MinerReplicasLow", "mining", n -> ("kube_deployment_status_replicas_available"
                    + "{namespace=\"mining\", deployment=\"ore-miner-%03d\"} < 1").formatted(n % 200)),
            new Template("HashrateLow", "mining", n -> ("sum by (deployment) (rate(ore_miner_hashes_total{deployment=\"ore-miner-%03d\"}[10m]))"
                    + " < 0.5 * sum by (deployment) (rate(ore_miner_hashes_total{deployment=\"ore-miner-%03d\"}[10m] offset 1d))")
                    .formatted(n % 200, n % 200)),
            new Template("RpcSlow", "mining", n -> ("histogram_quantile(0.99, sum by (le) "
                    + "(rate(solana_rpc_request_duration_seconds_bucket{endpoint=\"rpc-%d\"}[5m]))) > 0.%d").formatted(n % 50, 1 + n % 9)),
            new Template("GpuXidErrors", "gpu", n -> "changes(DCGM_FI_DEV_XID_ERRORS{Hostname=~\"l40s-%06d.*\"}[15m]) > 0".formatted(n)),
            new Template("DiskFillsIn4h", "storage", n -> ("predict_linear(node_filesystem_avail_bytes{fstype=\"xfs\", "
                    + "instance=~\"stor-%06d.*\"}[6h], 4 * 3600) < 0").formatted(n)),
            new Template("LoadHigh", "sre", n -> ("avg_over_time(node_load5{instance=~\"cpu-%06d.*\"}[30m]) / on (instance) "
                    + "count by (instance) (node_cpu_seconds_total{mode=\"idle\"}) > %d").formatted(n, 1 + n % 3)),
            new Template("MysqlConnectionsHigh", "dba", n ->
                    "mysql_global_status_threads_connected / mysql_global_variables_max_connections > 0.%d".formatted(70 + n % 25)),
            new Template("RedisClientsHigh", "dba", n -> "redis_connected_clients{instance=~\"stor-%06d.*\"} > %d".formatted(n, 1000 + n % 5000)),
            new Template("IoWaitHigh", "storage", n ->
                    "sum without (cpu, mode) (rate(node_cpu_seconds_total{mode=\"iowait\"}[5m])) > %d".formatted(1 + n % 4)),
            new Template("VgpuFramebufferFull", "gpu", n ->
                    "DCGM_FI_DEV_FB_USED / (DCGM_FI_DEV_FB_USED + DCGM_FI_DEV_FB_FREE) > 0.%d".formatted(80 + n % 19)),
            new Template("ReconcilerStale", "sre", n -> "time() - fleetform_last_success_timestamp_seconds > %d".formatted(600 + 60 * (n % 60))),
            new Template("RaidDegraded", "storage", n -> ("node_md_disks_required{device=\"md0\", instance=~\"stor-%06d.*\"}"
                    + " - ignoring (state) node_md_disks{device=\"md0\", state=\"active\"} > 0").formatted(n)),
            new Template("MemoryPressure", "sre", n ->
                    "(1 - node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes) * 100 > %d".formatted(85 + n % 10)),
            new Template("NetworkErrors", "sre", n ->
                    "increase(node_network_receive_errs_total{device!~\"lo|veth.*\"}[15m]) > %d".formatted(10 + n % 100)),
            new Template("MinerCpuHog", "mining", n -> ("topk(3, sum by (pod) (rate(container_cpu_usage_seconds_total"
                    + "{namespace=\"mining\"}[5m]))) > %d").formatted(8 + n % 8)),
            new Template("GpuExporterAbsent", "gpu", n -> "absent(up{job=\"gpu\", instance=~\"l40s-%06d.*\"})".formatted(n)));

    static final List<String> FOR = List.of("1m", "5m", "10m", "15m", "30m", "1h", "1h30m");

    private AlertTemplates() {
    }
}
