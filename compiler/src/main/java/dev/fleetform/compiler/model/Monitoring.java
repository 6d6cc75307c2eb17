package dev.fleetform.compiler.model;

import java.util.List;
import java.util.Map;

/**
 * @param nodePort   node_exporter port on every host and VM, or null (no node scrape)
 * @param gpuPort    dcgm-exporter port on hosts/VMs with GPUs or vGPUs, or null
 * @param services   host service name ({@code mysql}, ...) to exporter port
 * @param consul     Consul service definitions and discovery, or null when not asked for
 */
public record Monitoring(
        Integer nodePort,
        Integer gpuPort,
        Map<String, Integer> services,
        boolean baselineRules,
        List<AlertRule> alerts,
        List<Receiver> receivers,
        List<Route> routes,
        Consul consul) {

    public static final Monitoring EMPTY = new Monitoring(null, null, Map.of(), false, List.of(), List.of(), List.of(), null);
}
