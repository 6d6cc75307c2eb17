package dev.fleetform.compiler.emit.consul;

import dev.fleetform.compiler.emit.DataArtefact;
import dev.fleetform.compiler.emit.DataEmitter;
import dev.fleetform.compiler.emit.EmitContext;
import dev.fleetform.compiler.emit.prometheus.PrometheusEmitter;
import dev.fleetform.compiler.emit.prometheus.ScrapeJob;
import dev.fleetform.compiler.emit.prometheus.ScrapeJobs;
import dev.fleetform.compiler.emit.prometheus.ScrapeTarget;
import dev.fleetform.compiler.index.FleetIndex;
import dev.fleetform.compiler.model.Fleet;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code consul/<node>.json} when {@code monitoring.consul} is set: a Consul agent configuration
 * file ({@code {"services": [...]}}, for the node's {@code consul.d}) with one service per
 * Prometheus scrape target of the host or VM. The services are made from the same
 * {@link ScrapeJobs} as the file_sd files: same jobs, addresses, ports and labels (as service
 * meta, which Prometheus' consul_sd turns back into the labels).
 *
 * <p>Its own area, so its files sit in their own folder and it runs beside the other emitters;
 * the planner does not read it (the same targets are planned as Prometheus scrape targets).
 */
public final class ConsulEmitter implements DataEmitter {
    /** How often Consul's agent checks an exporter: Prometheus' scrape interval. */
    static final String CHECK_INTERVAL = "30s";
    static final String CHECK_TIMEOUT = "10s";

    @Override
    public String area() {
        return "consul";
    }

    @Override
    public List<DataArtefact> data(Fleet fleet, FleetIndex index, EmitContext ctx) {
        if (fleet.monitoring().consul() == null) return List.of();
        Map<FleetIndex.Node, List<Map<String, Object>>> byNode = new IdentityHashMap<>();
        for (ScrapeJob job : ScrapeJobs.of(fleet, index)) {
            for (ScrapeTarget t : job.targets()) {
                byNode.computeIfAbsent(t.node(), n -> new ArrayList<>()).add(service(job, t));
            }
        }
        List<DataArtefact> out = new ArrayList<>(byNode.size());
        for (FleetIndex.Node n : index.nodes()) {
            List<Map<String, Object>> services = byNode.get(n);
            if (services != null) out.add(DataArtefact.json("consul/" + n.name() + ".json", Map.of("services", services)));
        }
        return out;
    }

    /**
     * A service definition with only the documented fields {@code id name address port tags meta
     * check}. The id is unique on the node's agent (one service per job) and in the catalogue.
     */
    private static Map<String, Object> service(ScrapeJob job, ScrapeTarget t) {
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("name", job.name() + " exporter /metrics");
        check.put("http", "http://" + t.hostPort() + "/metrics");
        check.put("interval", CHECK_INTERVAL);
        check.put("timeout", CHECK_TIMEOUT);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", job.name() + "-" + t.node().name());
        s.put("name", job.name());
        s.put("address", t.address());
        s.put("port", t.port());
        s.put("tags", List.of(PrometheusEmitter.CONSUL_TAG));
        // Prometheus label names are valid meta keys ([A-Za-z0-9_-]); CONSUL-META checks the limits
        s.put("meta", t.labels());
        s.put("check", check);
        return s;
    }
}
