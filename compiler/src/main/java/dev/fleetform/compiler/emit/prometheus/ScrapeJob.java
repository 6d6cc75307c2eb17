package dev.fleetform.compiler.emit.prometheus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Prometheus scrape job: its name, exporter port and targets. The file_sd file and the
 * Consul service definitions are both written from it, so they cannot disagree.
 */
public record ScrapeJob(String name, int port, List<ScrapeTarget> targets) {

    /** Path of the file_sd file, relative to prometheus.yml. */
    public String file() {
        return "file_sd/" + fileName();
    }

    /** The file's name in the file_sd directory. */
    public String fileName() {
        return name + ".json";
    }

    /** The file_sd file's content: one {@code {targets: [addr:port], labels: {...}}} group per target. */
    public List<Map<String, Object>> groups() {
        List<Map<String, Object>> groups = new ArrayList<>(targets.size());
        for (ScrapeTarget t : targets) {
            Map<String, Object> group = new LinkedHashMap<>();
            group.put("targets", List.of(t.hostPort()));
            group.put("labels", t.labels());
            groups.add(group);
        }
        return groups;
    }
}
