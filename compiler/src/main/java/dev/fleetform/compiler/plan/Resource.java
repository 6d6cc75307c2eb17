package dev.fleetform.compiler.plan;

import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A desired resource: what one address should look like. Fields are JSON-like and compared
 * structurally. A resource of a compiled output may hold the value it is serialised from and
 * read its fields only when asked: most resources are the same on both sides of a plan, which
 * equal values tell without reading them.
 *
 * @param host the host it lives on, or null (Kubernetes objects, rule files, ...)
 */
public final class Resource {
    private final String address;
    private final ResourceKind kind;
    private final String host;
    private final Object source;
    private final Function<Object, Map<String, Object>> reader;
    private Map<String, Object> fields;

    public Resource(String address, ResourceKind kind, String host, Map<String, Object> fields) {
        this(address, kind, host, null, null, Objects.requireNonNull(fields));
    }

    private Resource(String address, ResourceKind kind, String host, Object source,
                     Function<Object, Map<String, Object>> reader, Map<String, Object> fields) {
        this.address = address;
        this.kind = kind;
        this.host = host;
        this.source = source;
        this.reader = reader;
        this.fields = fields;
    }

    /** Fields read from {@code source} by {@code reader} on first use (a pure function: equal sources, equal fields). */
    static Resource read(String address, ResourceKind kind, Object source, Function<Object, Map<String, Object>> reader) {
        return new Resource(address, kind, null, Objects.requireNonNull(source), reader, null);
    }

    public String address() {
        return address;
    }

    public ResourceKind kind() {
        return kind;
    }

    public String host() {
        return host;
    }

    /** Read on first use; the planner compares each resource on one thread, then reads it on its own. */
    public Map<String, Object> fields() {
        if (fields == null) fields = reader.apply(source);
        return fields;
    }

    /** Whether the other has the same fields ({@link FieldDiff#same}), from equal sources when both have one. */
    boolean sameFields(Resource other) {
        if (source != null && reader == other.reader && source.equals(other.source)) return true;
        return FieldDiff.same(fields(), other.fields());
    }

    @Override
    public String toString() {
        return "Resource[" + address + ", " + kind + (host == null ? "" : ", on " + host) + "]";
    }
}
