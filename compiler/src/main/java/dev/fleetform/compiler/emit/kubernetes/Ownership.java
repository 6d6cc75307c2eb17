package dev.fleetform.compiler.emit.kubernetes;

import java.util.Map;
import java.util.TreeMap;

/**
 * Labels on every object Fleetform writes: the reconciler prunes only objects carrying them, and
 * people can tell at a glance that git, not kubectl, is the place to change them.
 */
final class Ownership {
    static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    static final String FLEET = "fleetform.dev/fleet";
    static final String NAME = "app.kubernetes.io/name";
    static final String POOL = "fleetform.dev/pool";

    private Ownership() {
    }

    static Map<String, String> labels(String fleet) {
        Map<String, String> m = new TreeMap<>();
        m.put(MANAGED_BY, "fleetform");
        m.put(FLEET, fleet);
        return m;
    }

    /** Ownership labels plus the app name: also the selector of a miner's pods. */
    static Map<String, String> appLabels(String fleet, String app) {
        Map<String, String> m = labels(fleet);
        m.put(NAME, app);
        return m;
    }

    static Map<String, String> selector(String fleet, String app) {
        Map<String, String> m = new TreeMap<>();
        m.put(NAME, app);
        m.put(FLEET, fleet);
        return m;
    }
}
