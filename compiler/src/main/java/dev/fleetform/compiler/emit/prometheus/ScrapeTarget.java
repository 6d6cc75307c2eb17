package dev.fleetform.compiler.emit.prometheus;

import dev.fleetform.compiler.index.FleetIndex;

import java.util.SortedMap;

/**
 * One exporter of one host or VM that a job scrapes.
 *
 * @param address the node's address as written (an IPv6 address without brackets)
 * @param labels  the target labels: the node's labels as Prometheus label names, then host, role, pool
 */
public record ScrapeTarget(FleetIndex.Node node, String address, int port, SortedMap<String, String> labels) {

    /** {@code address:port}, an IPv6 address in brackets, as Prometheus and URLs write it. */
    public String hostPort() {
        return (address.indexOf(':') >= 0 ? "[" + address + "]" : address) + ":" + port;
    }
}
