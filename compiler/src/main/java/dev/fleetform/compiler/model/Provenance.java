package dev.fleetform.compiler.model;

import java.util.Map;

/**
 * Which layer gave a host each value that a profile or the defaults can set and that the plan
 * shows as a resource: recorded by the binder, so a change made once in a profile or in
 * {@code defaults} is shown once, with the hosts it reaches. Lists come whole from one layer;
 * maps ({@code sysctl}, {@code limits}) key by key.
 */
public record Provenance(
        Layer raid,
        Layer filesystems,
        Map<String, Layer> sysctl,
        Map<String, Layer> limits,
        Layer dns,
        Layer packages,
        Layer timezone) {

    /** The host's own keys, its profile's, or the fleet's {@code defaults}. */
    public enum Layer { HOST, PROFILE, DEFAULTS }

    public Layer sysctl(String key) {
        return sysctl.getOrDefault(key, Layer.HOST);
    }

    public Layer limit(String key) {
        return limits.getOrDefault(key, Layer.HOST);
    }
}
