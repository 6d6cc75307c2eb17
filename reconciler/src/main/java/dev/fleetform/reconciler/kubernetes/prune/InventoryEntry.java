package dev.fleetform.reconciler.kubernetes.prune;

import dev.fleetform.changes.Address;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.Comparator;
import java.util.Objects;

/**
 * One object Fleetform created in a cluster, as the API server answered the create: the uid tells
 * it apart from a later object of the same name. {@code namespace} is null for a cluster-scoped
 * object (a Namespace).
 */
public record InventoryEntry(String apiVersion, String kind, String namespace, String name, String uid)
        implements Comparable<InventoryEntry> {

    private static final Comparator<InventoryEntry> ORDER = Comparator
            .comparing((InventoryEntry e) -> e.group())
            .thenComparing(InventoryEntry::kind)
            .thenComparing(e -> e.namespace() == null ? "" : e.namespace())
            .thenComparing(InventoryEntry::name)
            .thenComparing(InventoryEntry::apiVersion)
            .thenComparing(InventoryEntry::uid);

    public InventoryEntry {
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uid, "uid");
        if (namespace != null && namespace.isEmpty()) namespace = null;
    }

    /** The entry for an object as the API server returned it (after a create): it must have a uid. */
    public static InventoryEntry of(HasMetadata created) {
        var m = created.getMetadata();
        if (m == null || m.getUid() == null || m.getUid().isEmpty()) {
            throw new IllegalArgumentException("no uid on " + created.getKind() + " " + (m == null ? "?" : m.getName())
                    + ": record an object as the API server returned it, not as it was sent");
        }
        return new InventoryEntry(created.getApiVersion(), created.getKind(), m.getNamespace(), m.getName(), m.getUid());
    }

    /** The API group: {@code apps} of {@code apps/v1}, empty for the core group ({@code v1}). */
    public String group() {
        return groupOf(apiVersion);
    }

    /**
     * Which object this is, whatever version it is read through and whatever its uid: an object
     * of that group, kind, namespace and name. Two entries with the same key are the same name,
     * possibly two lives of it (re-created, another uid).
     */
    public String key() {
        return key(apiVersion, kind, namespace, name);
    }

    public Address.Kube address(String cluster) {
        return new Address.Kube(cluster, apiVersion, kind, namespace, name);
    }

    /** {@code Deployment mining/ore-miner}, {@code Namespace mining}: for messages. */
    public String describe() {
        return kind + " " + (namespace == null ? name : namespace + "/" + name);
    }

    @Override
    public int compareTo(InventoryEntry o) {
        return ORDER.compare(this, o);
    }

    static String key(String apiVersion, String kind, String namespace, String name) {
        return groupOf(apiVersion) + "/" + kind + "/" + (namespace == null || namespace.isEmpty() ? "-" : namespace) + "/" + name;
    }

    static String key(Address.Kube a) {
        return key(a.apiVersion(), a.kind(), a.namespace(), a.name());
    }

    static String key(HasMetadata o) {
        return key(o.getApiVersion(), o.getKind(), o.getMetadata().getNamespace(), o.getMetadata().getName());
    }

    static String groupOf(String apiVersion) {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }
}
