package dev.fleetform.reconciler.engine;

import dev.fleetform.changes.Address;
import dev.fleetform.changes.ResourceSet;

import java.util.List;

/**
 * The live state of one target as a provider read it. Providers keep what they need to apply
 * (the raw objects) in their own implementation.
 */
public interface Observation {
    /** The live resources, with the fields {@link Provider#desired} has. */
    ResourceSet resources();

    /**
     * A token that changes whenever the live resource at {@code address} changes (a Kubernetes
     * resourceVersion), or null when it is absent or the family has none: a saved plan refuses a
     * change whose token moved since the plan was made.
     */
    String version(Address address);

    /** What the provider noticed but did not turn into a change (a pool node missing from the cluster). */
    List<String> warnings();
}
