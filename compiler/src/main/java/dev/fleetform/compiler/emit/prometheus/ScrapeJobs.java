package dev.fleetform.compiler.emit.prometheus;

import dev.fleetform.compiler.check.FleetIndex;
import dev.fleetform.compiler.emit.NodePools;
import dev.fleetform.compiler.model.Fleet;
import dev.fleetform.compiler.model.Monitoring;
import dev.fleetform.compiler.promql.LabelName;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The scrape jobs: {@code node} (every host and VM), {@code gpu} (hosts with GPUs, VMs with
 * vGPUs) and one per service (hosts listing it). Nodes without an address (DHCP VMs) cannot be
 * scraped by address and are left out.
 */
public final class ScrapeJobs {
    static final String NODE = "node";
    static final String GPU = "gpu";

    private ScrapeJobs() {
    }

    /** The jobs in prometheus.yml order: node, gpu, then services by name; each job's targets in file order. */
    public static List<ScrapeJob> of(Fleet fleet, FleetIndex index) {
        Monitoring m = fleet.monitoring();
        Labels labels = new Labels(NodePools.of(fleet, index));
        List<ScrapeJob> jobs = new ArrayList<>();
        if (m.nodePort() != null) jobs.add(job(NODE, m.nodePort(), index, labels, n -> true));
        if (m.gpuPort() != null) jobs.add(job(GPU, m.gpuPort(), index, labels, ScrapeJobs::hasGpu));
        for (var service : new TreeMap<>(m.services()).entrySet()) {
            String name = service.getKey();
            jobs.add(job(jobName(name), service.getValue(), index, labels,
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

    private static ScrapeJob job(String name, int port, FleetIndex index, Labels labels,
                                 Predicate<FleetIndex.Node> member) {
        List<ScrapeTarget> targets = new ArrayList<>();
        for (FleetIndex.Node n : index.nodes()) {
            if (n.address() == null || !member.test(n)) continue;
            targets.add(new ScrapeTarget(n, n.address(), port, labels.of(n)));
        }
        return new ScrapeJob(name, port, targets);
    }

    /**
     * Each node's target labels, made once and shared by every job the node is in (a fleet of
     * 10,000 hosts has tens of thousands of target groups); label names converted once each.
     */
    private static final class Labels {
        private final NodePools pools;
        private final Map<FleetIndex.Node, SortedMap<String, String>> byNode = new IdentityHashMap<>();
        private final Map<String, String> names = new HashMap<>();

        Labels(NodePools pools) {
            this.pools = pools;
        }

        /** The node's own labels, then Fleetform's: {@code host}, {@code role}, {@code pool} win over same-named ones. */
        SortedMap<String, String> of(FleetIndex.Node n) {
            SortedMap<String, String> known = byNode.get(n);
            if (known != null) return known;
            SortedMap<String, String> labels = new TreeMap<>();
            n.labels().forEach((k, v) -> labels.put(names.computeIfAbsent(k, LabelName::of), v));
            labels.put("host", n.name());
            if (!n.roles().isEmpty()) labels.put("role", String.join(",", n.roles()));
            List<NodePools.Membership> in = pools.of(n.name());
            if (!in.isEmpty()) {
                labels.put("pool", in.stream().map(p -> p.pool().name()).collect(Collectors.joining(",")));
            }
            SortedMap<String, String> shared = Collections.unmodifiableSortedMap(labels);
            byNode.put(n, shared);
            return shared;
        }
    }
}
