package dev.fleetform.compiler.model;

import dev.fleetform.compiler.diag.Origin;

/**
 * {@code monitoring.consul}: write Consul service definitions for the scrape targets and, with a
 * server, let Prometheus discover its targets through Consul.
 *
 * @param server     the Consul HTTP API {@code host:port} Prometheus asks, or null (prometheus.yml keeps file_sd)
 * @param datacenter the datacenter Prometheus asks about, or null (the server's own)
 */
public record Consul(String server, String datacenter, Origin origin) {
}
