package dev.fleetform.changes;

/**
 * Where a host's value came from when the host did not write it: a profile ({@code profile}
 * named) or the fleet's {@code defaults} ({@code profile} null). The binder records it; the
 * differ shows a change to values of one layer once, with the hosts it reaches.
 */
public record Layer(String profile) {
    public static final Layer DEFAULTS = new Layer(null);

    public static Layer profile(String name) {
        return new Layer(java.util.Objects.requireNonNull(name));
    }
}
