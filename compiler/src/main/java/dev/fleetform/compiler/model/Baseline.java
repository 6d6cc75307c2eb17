package dev.fleetform.compiler.model;

import dev.fleetform.compiler.diag.Origin;

import java.util.List;
import java.util.Map;

/**
 * OS baseline of a host, resolved (host over profile over defaults). Maps keep the order written.
 *
 * @param limits  ulimit name ({@code nofile}, {@code nproc}, ...) to a number or {@code unlimited}
 */
public record Baseline(
        Map<String, String> sysctl,
        Map<String, String> limits,
        Dns dns,
        List<String> packages,
        String timezone,
        Origin origin) {

    public static Baseline empty(Origin origin) {
        return new Baseline(Map.of(), Map.of(), new Dns(List.of(), List.of()), List.of(), null, origin);
    }
}
