package dev.fleetform.compiler.emit.prometheus;

import dev.fleetform.compiler.check.FleetIndex;
import dev.fleetform.compiler.emit.NodePools;
import dev.fleetform.compiler.model.Fleet;
import dev.fleetform.compiler.model.Monitoring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The scrape jobs: {@code node} (every host and VM), {@code gpu} (hosts with GPUs, VMs with
 * vGPUs) and one per service (hosts listing it). Nodes without an address (DHCP VMs) cannot be
 * scraped by address and are left out.
 */
final class ScrapeJobs {
    static final String NODE = "node";
    static final String GPU = "gpu";

    private ScrapeJobs() {
    }

    static List<ScrapeJob> of(Fleet fleet, FleetIndex index) {
        Monitoring m = fleet.monitoring();
        NodePools pools = NodePools.of(fleet, index);
        List<ScrapeJob> jobs = new ArrayList<>();
        if (m.nodePort() != null) jobs.add(job(NODE, m.nodePort(), index, pools, n -> true));
        if (m.gpuPort() != null) jobs.add(job(GPU, m.gpuPort(), index, pools, ScrapeJobs::hasGpu));
        for (var service : new TreeMap<>(m.services()).entrySet()) {
            String name = service.getKey();
            jobs.add(job(jobName(name), service.getValue(), index, pools,
                    n -> !n.isVm() && n.host().services().contains(name)));
        }
        return jobs;
    }

    /** A service called {@code node} or {@code gpu} must not take the built-in jobs' name and file. */
    static String jobName(String service) {
        return service.equals(NODE) || service.equals(GPU) ? "service-" + service : service;
    }

    private static boolean hasGpu(FleetIndex.Node n) {
        return n.isVm() ? !n.vm().vgpus().isEmpty() : n.host().hasGpus();
    }

    private static ScrapeJob job(String name, int port, FleetIndex index, NodePools pools,
                                 Predicate<FleetIndex.Node> member) {
        List<Map<String, Object>> groups = new ArrayList<>();
        for (FleetIndex.Node n : index.nodes()) {
            if (n.address() == null || !member.test(n)) continue;
            Map<String, Object> group = new LinkedHashMap<>();
            group.put("targets", List.of(target(n.address(), port)));
            group.put("labels", labels(n, pools));
            groups.add(group);
        }
        return new ScrapeJob(name, groups);
    }

    static String target(String address, int port) {
        return (address.indexOf(':') >= 0 ? "[" + address + "]" : address) + ":" + port;
    }

    /** The node's own labels, then Fleetform's: {@code host}, {@code role}, {@code pool} win over same-named ones. */
    private static Map<String, String> labels(FleetIndex.Node n, NodePools pools) {
        Map<String, String> labels = new TreeMap<>();
        n.labels().forEach((k, v) -> labels.put(LabelName.of(k), v));
        labels.put("host", n.name());
        if (!n.roles().isEmpty()) labels.put("role", String.join(",", n.roles()));
        List<NodePools.Membership> in = pools.of(n.name());
        if (!in.isEmpty()) {
            labels.put("pool", in.stream().map(p -> p.pool().name()).collect(Collectors.joining(",")));
        }
        return labels;
    }
}
