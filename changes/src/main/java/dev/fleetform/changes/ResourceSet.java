package dev.fleetform.changes;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Resources by address, as a list of parts whose resources are built when asked for. Getting a
 * whole fleet's set is cheap (nothing is built); {@link #all()} builds everything, and the
 * {@link Differ} builds only the parts whose keys differ from the other side's.
 *
 * <p>Where two resources share an address, the first one (in part order) is the one meant.
 */
public final class ResourceSet {
    /** Nothing at all, and no profile or defaults: the side before a fleet's first commit. */
    public static final ResourceSet EMPTY = new ResourceSet(List.of(), Map.of());

    /**
     * One part, e.g. a host and all that is on it.
     *
     * @param name      unique within a set (a second part of the same name is ignored, as a second resource at an address is)
     * @param key       a value that determines the resources (equal keys: equal resources), or null when nothing
     *                  short of the resources tells (live state)
     */
    public record Part(String name, Object key, Supplier<List<Resource>> resources) {
        public Part {
            Objects.requireNonNull(name);
            Objects.requireNonNull(resources);
        }

        /** Whether this part's resources are known to equal the other's without building either. */
        boolean sameAs(Part other) {
            return other != null && key != null && key.equals(other.key);
        }
    }

    private final List<Part> parts;
    private final Map<Layer, Object> layers;

    private ResourceSet(List<Part> parts, Map<Layer, Object> layers) {
        this.parts = parts;
        this.layers = layers;
    }

    /** Resources whose layers are not known (the live state): no change is shown as a profile's or the defaults'. */
    public static ResourceSet of(List<Part> parts) {
        return new ResourceSet(List.copyOf(parts), null);
    }

    /**
     * @param layers the content of each profile and of the defaults, as bound: a change to the values
     *               of a layer is shown once only when the layer itself differs between the two sides
     */
    public static ResourceSet of(List<Part> parts, Map<Layer, Object> layers) {
        return new ResourceSet(List.copyOf(parts), Map.copyOf(layers));
    }

    /** Whether {@code layer} has other content here than in {@code other}; false when either side does not know its layers. */
    boolean layerDiffers(ResourceSet other, Layer layer) {
        return layers != null && other.layers != null && !java.util.Objects.equals(layers.get(layer), other.layers.get(layer));
    }

    public List<Part> parts() {
        return parts;
    }

    /** The first part of each name. */
    Map<String, Part> byName() {
        Map<String, Part> m = new HashMap<>(parts.size() * 2);
        for (Part p : parts) m.putIfAbsent(p.name(), p);
        return m;
    }

    /** Every resource, by address: what a reconciler compares with the live state. */
    public Map<Address, Resource> all() {
        Map<Address, Resource> out = new LinkedHashMap<>();
        Map<String, Part> first = byName();
        for (Part p : parts) {
            if (first.get(p.name()) != p) continue;
            for (Resource r : p.resources().get()) out.putIfAbsent(r.address(), r);
        }
        return out;
    }
}
