package dev.fleetform.compiler.model;

import dev.fleetform.compiler.diag.Origin;

/**
 * {@code monitoring.consul}: write Consul service definitions for the scrape targets and, with a
 * server, let Prometheus discover its targets through Consul.
 *
 * @param server     the Consul HTTP API {@code host:port} Prometheus asks, or null (prometheus.yml keeps file_sd)
 * @param datacenter the datacenter Prometheus asks about, or null (the server's own)
 * @param configDir  the agent's config directory on each host, where apply writes {@link #SERVICES_FILE}
 */
public record Consul(String server, String datacenter, String configDir, Origin origin) {
    public static final String DEFAULT_DIR = "/etc/consul.d";
    /** The file apply writes in {@link #configDir}: Fleetform's own, beside the agent's other files. */
    public static final String SERVICES_FILE = "fleetform-services.json";

    public Consul {
        if (configDir == null) configDir = DEFAULT_DIR;
    }

    /** Back-compatible: the default config directory. */
    public Consul(String server, String datacenter, Origin origin) {
        this(server, datacenter, null, origin);
    }

    /** Where a host's service definitions go. */
    public String servicesPath() {
        return configDir + "/" + SERVICES_FILE;
    }
}
