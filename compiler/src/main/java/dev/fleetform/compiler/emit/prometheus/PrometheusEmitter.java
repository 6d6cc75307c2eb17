package dev.fleetform.compiler.emit.prometheus;

import dev.fleetform.compiler.emit.DataArtefact;
import dev.fleetform.compiler.emit.DataEmitter;
import dev.fleetform.compiler.emit.EmitContext;
import dev.fleetform.compiler.index.FleetIndex;
import dev.fleetform.compiler.model.Consul;
import dev.fleetform.compiler.model.Fleet;
import dev.fleetform.compiler.model.MonitoringServer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code prometheus/prometheus.yml}, {@code prometheus/file_sd/<job>.json} and
 * {@code prometheus/rules/fleetform-{baseline,user}.yml}. With {@code monitoring.consul.server}
 * the jobs discover their targets through Consul (the file_sd files are still written: the plan
 * reads the targets from them, and they are the way back should Consul be dropped).
 */
public final class PrometheusEmitter implements DataEmitter {

    static final String INTERVAL = "30s";
    /** The tag on every service Fleetform defines in Consul; consul_sd asks only for those. */
    public static final String CONSUL_TAG = "fleetform";
    /** Consul service meta of a target, as consul_sd hands it to relabelling. */
    static final String CONSUL_META_PREFIX = "__meta_consul_service_metadata_";

    @Override
    public String area() {
        return "prometheus";
    }

    @Override
    public List<DataArtefact> data(Fleet fleet, FleetIndex index, EmitContext ctx) {
        List<ScrapeJob> jobs = ScrapeJobs.of(fleet, index);
        List<DataArtefact> out = new ArrayList<>();
        out.add(DataArtefact.yaml("prometheus/prometheus.yml", config(fleet, jobs)));
        for (ScrapeJob job : jobs) {
            out.add(DataArtefact.json("prometheus/" + job.file(), job.groups()));
        }
        if (fleet.monitoring().baselineRules()) {
            out.add(DataArtefact.yaml("prometheus/rules/fleetform-baseline.yml", BaselineRules.file()));
        }
        if (!fleet.monitoring().alerts().isEmpty()) {
            out.add(DataArtefact.yaml("prometheus/rules/fleetform-user.yml", UserRules.file(fleet.monitoring().alerts())));
        }
        return out;
    }

    private static Map<String, Object> config(Fleet fleet, List<ScrapeJob> jobs) {
        Map<String, Object> global = new LinkedHashMap<>();
        global.put("scrape_interval", INTERVAL);
        global.put("evaluation_interval", INTERVAL);
        if (fleet.metadata() != null && fleet.metadata().name() != null) {
            global.put("external_labels", Map.of("fleet", fleet.metadata().name()));
        }
        List<Object> scrapeConfigs = new ArrayList<>();
        Consul consul = fleet.monitoring().consul();
        // paths relative to prometheus.yml unless monitoring.servers.prometheus moves the directories
        MonitoringServer server = fleet.monitoring().servers().prometheus();
        String fileSdDir = server == null ? null : server.fileSdDir();
        String ruleDir = server == null ? null : server.ruleDir();
        for (ScrapeJob job : jobs) {
            Map<String, Object> sc = new LinkedHashMap<>();
            sc.put("job_name", job.name());
            if (consul != null && consul.server() != null) {
                sc.put("consul_sd_configs", List.of(consulSd(consul, job)));
                // the service meta are the file_sd labels, under the same names (ConsulEmitter)
                Map<String, Object> labelmap = new LinkedHashMap<>();
                labelmap.put("action", "labelmap");
                labelmap.put("regex", CONSUL_META_PREFIX + "(.+)");
                labelmap.put("replacement", "$1");
                sc.put("relabel_configs", List.of(labelmap));
            } else {
                sc.put("file_sd_configs", List.of(Map.of("files", List.of(fileSdDir == null ? job.file() : fileSdDir + "/" + job.fileName()))));
            }
            scrapeConfigs.add(sc);
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("global", global);
        config.put("rule_files", List.of(ruleDir == null ? "rules/*.yml" : ruleDir + "/*.yml"));
        config.put("alerting", Map.of("alertmanagers",
                List.of(Map.of("static_configs", List.of(Map.of("targets", fleet.monitoring().alertmanagers()))))));
        config.put("scrape_configs", scrapeConfigs);
        return config;
    }

    private static Map<String, Object> consulSd(Consul consul, ScrapeJob job) {
        Map<String, Object> sd = new LinkedHashMap<>();
        sd.put("server", consul.server());
        if (consul.datacenter() != null) sd.put("datacenter", consul.datacenter());
        sd.put("services", List.of(job.name()));
        sd.put("tags", List.of(CONSUL_TAG));
        return sd;
    }
}
