package dev.fleetform.compiler.model;

import java.util.List;
import java.util.Map;

/**
 * @param nodePort   node_exporter port on every host and VM, or null (no node scrape)
 * @param gpuPort    dcgm-exporter port on hosts/VMs with GPUs or vGPUs, or null
 * @param services   host service name ({@code mysql}, ...) to exporter port
 * @param alertmanagers  the Alertmanagers' {@code host:port} Prometheus sends alerts to; never empty
 * @param dingtalkBridge the base URL of prometheus-webhook-dingtalk, which Alertmanager posts DingTalk
 *                       receivers' alerts to; never null
 * @param consul     Consul service definitions and discovery, or null when not asked for
 * @param servers    the hosts that run Prometheus, Alertmanager and the DingTalk bridge; never null
 */
public record Monitoring(
        Integer nodePort,
        Integer gpuPort,
        Map<String, Integer> services,
        boolean baselineRules,
        List<AlertRule> alerts,
        List<Receiver> receivers,
        List<Route> routes,
        List<String> alertmanagers,
        String dingtalkBridge,
        Consul consul,
        MonitoringServers servers) {

    /** Without {@code monitoring.alertmanagers}: an Alertmanager beside Prometheus. */
    public static final List<String> DEFAULT_ALERTMANAGERS = List.of("localhost:9093");
    /** Without {@code monitoring.dingtalkBridge}: the bridge's default listen address, beside Alertmanager. */
    public static final String DEFAULT_DINGTALK_BRIDGE = "http://localhost:8060";
}
