package dev.fleetform.changes;

import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * What one address looks like: its kind and the fields Fleetform manages there (JSON-like,
 * compared structurally). A resource of a compiled output may hold the value it is serialised
 * from and read its fields only when asked: most resources are the same on both sides of a plan,
 * which equal values tell without reading them.
 */
public final class Resource {
    private final Address address;
    private final ResourceKind kind;
    private final Layer layer;
    private final Object source;
    private final Function<Object, Map<String, Object>> reader;
    private Map<String, Object> fields;

    public Resource(Address address, ResourceKind kind, Map<String, Object> fields) {
        this(address, kind, null, Objects.requireNonNull(fields));
    }

    /** @param layer the profile or defaults the host took these values from, or null (its own, or not a host's) */
    public Resource(Address address, ResourceKind kind, Layer layer, Map<String, Object> fields) {
        this(address, kind, layer, null, null, Objects.requireNonNull(fields));
    }

    private Resource(Address address, ResourceKind kind, Layer layer, Object source,
                     Function<Object, Map<String, Object>> reader, Map<String, Object> fields) {
        this.address = Objects.requireNonNull(address);
        this.kind = Objects.requireNonNull(kind);
        this.layer = layer;
        this.source = source;
        this.reader = reader;
        this.fields = fields;
    }

    /** Fields read from {@code source} by {@code reader} on first use (a pure function: equal sources, equal fields). */
    public static Resource read(Address address, ResourceKind kind, Object source, Function<Object, Map<String, Object>> reader) {
        return new Resource(address, kind, null, Objects.requireNonNull(source), reader, null);
    }

    public Address address() {
        return address;
    }

    public ResourceKind kind() {
        return kind;
    }

    /** The profile or defaults these values came from, or null. */
    public Layer layer() {
        return layer;
    }

    /** The host it lives on, or null (Kubernetes objects, rule files, ...). */
    public String host() {
        return address instanceof Address.OnHost h ? h.host() : null;
    }

    /** Read on first use; the differ compares each resource on one thread, then reads it on its own. */
    public Map<String, Object> fields() {
        if (fields == null) fields = reader.apply(source);
        return fields;
    }

    /** Whether the other has the same fields ({@link FieldDiff#same}), from equal sources when both have one. */
    public boolean sameFields(Resource other) {
        if (source != null && reader == other.reader && source.equals(other.source)) return true;
        return FieldDiff.same(fields(), other.fields());
    }

    @Override
    public String toString() {
        return "Resource[" + address + ", " + kind + "]";
    }
}
