package dev.fleetform.compiler.emit.prometheus;

import dev.fleetform.compiler.index.FleetIndex;
import dev.fleetform.compiler.index.TargetLabels;
import dev.fleetform.compiler.model.Fleet;
import dev.fleetform.compiler.model.Monitoring;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Predicate;

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
        TargetLabels labels = new TargetLabels(fleet, index);
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

    private static ScrapeJob job(String name, int port, FleetIndex index, TargetLabels labels,
                                 Predicate<FleetIndex.Node> member) {
        List<ScrapeTarget> targets = new ArrayList<>();
        for (FleetIndex.Node n : index.nodes()) {
            if (n.address() == null || !member.test(n)) continue;
            targets.add(new ScrapeTarget(n, n.address(), port, labels.of(n)));
        }
        return new ScrapeJob(name, port, targets);
    }
}
