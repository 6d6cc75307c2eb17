package dev.fleetform.reconciler.kubernetes.prune;

import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.Map;
import java.util.TreeMap;

/**
 * The labels that mark an object as one of a fleet's: the same keys and values the compiler's
 * Kubernetes emitter writes ({@code compiler/.../emit/kubernetes/Ownership}, package-private
 * there, hence this public copy for the reconciler). Labels can be copied by anyone, so they only
 * narrow the search: pruning also needs the inventory and the same uid.
 */
public final class FleetLabels {
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY_VALUE = "fleetform";
    public static final String FLEET = "fleetform.dev/fleet";

    private FleetLabels() {
    }

    /** The labels of a fleet's objects, also the equality selector of the provider's one LIST per kind. */
    public static Map<String, String> of(String fleet) {
        Map<String, String> m = new TreeMap<>();
        m.put(MANAGED_BY, MANAGED_BY_VALUE);
        m.put(FLEET, fleet);
        return m;
    }

    /**
     * Whether {@code object} carries both labels with the fleet's values. Checked client side on
     * every listed object: a server (or the mock, which drops set-based selectors) may return more.
     */
    public static boolean carries(HasMetadata object, String fleet) {
        Map<String, String> labels = object.getMetadata() == null ? null : object.getMetadata().getLabels();
        return labels != null && MANAGED_BY_VALUE.equals(labels.get(MANAGED_BY)) && fleet.equals(labels.get(FLEET));
    }
}
