package dev.fleetform.compiler.emit.prometheus;

import java.util.List;
import java.util.Map;

/**
 * One Prometheus scrape job and the content of its file_sd file.
 *
 * @param groups file_sd target groups: {@code {targets: [addr:port], labels: {...}}}
 */
record ScrapeJob(String name, List<Map<String, Object>> groups) {

    /** Path of the file_sd file, relative to prometheus.yml. */
    String file() {
        return "file_sd/" + name + ".json";
    }
}
