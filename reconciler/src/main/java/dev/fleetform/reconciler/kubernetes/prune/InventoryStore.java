package dev.fleetform.reconciler.kubernetes.prune;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Keeps a fleet's {@link Inventory} in its cluster, in the ConfigMap
 * {@code fleetform-system/fleetform-inventory-<fleet>} under {@code inventory.json}. Writes are
 * PUTs carrying the resourceVersion the inventory was read at, so a concurrent writer is detected
 * (409) and never silently overwritten: the CRUD mock's merge-patch is not RFC 7386 and its
 * strategic-merge answers 415, and a PUT's 409 is the same on a real API server and on the mock.
 *
 * <p>The ConfigMap carries {@code app.kubernetes.io/managed-by=fleetform} but not the fleet label,
 * so the provider's LIST of the fleet's ConfigMaps never returns it as a prune candidate.
 */
public final class InventoryStore {
    public static final String NAMESPACE = "fleetform-system";
    public static final String DATA_KEY = "inventory.json";
    public static final String NAME_PREFIX = "fleetform-inventory-";
    /** On the ConfigMap, the fleet it belongs to (an annotation, not a label: see the class comment). */
    public static final String FLEET_ANNOTATION = "fleetform.dev/inventory-of";
    static final String COMPONENT = "app.kubernetes.io/component";
    /** How often {@link #update} reads again after a concurrent write before it gives up. */
    static final int UPDATE_ATTEMPTS = 5;

    private InventoryStore() {
    }

    public static String configMapName(String fleet) {
        return NAME_PREFIX + fleet;
    }

    /**
     * The fleet's inventory, at the ConfigMap's resourceVersion; empty (revision null) when there
     * is none yet.
     *
     * @throws InventoryException.Unreadable when the ConfigMap exists but its content cannot be read
     * @throws KubernetesClientException     when the API cannot be read
     */
    public static Inventory read(KubernetesClient client, String fleet) {
        ConfigMap cm = client.configMaps().inNamespace(NAMESPACE).withName(configMapName(fleet)).get();
        if (cm == null) return Inventory.empty();
        String json = cm.getData() == null ? null : cm.getData().get(DATA_KEY);
        if (json == null) throw new InventoryException.Unreadable(fleet, where(fleet) + " has no " + DATA_KEY);
        try {
            return Inventory.fromJson(json, cm.getMetadata().getResourceVersion());
        } catch (IllegalArgumentException e) {
            throw new InventoryException.Unreadable(fleet, where(fleet) + ": " + DATA_KEY + " is " + e.getMessage());
        }
    }

    /**
     * Stores {@code inventory} if it is still based on what is stored (its {@link Inventory#revision()}),
     * creating the namespace and the ConfigMap when there are none. Writes nothing when the stored
     * entries are already these.
     *
     * @return the inventory at its new revision, to base the next write on
     * @throws InventoryException.Conflict when another writer changed, created or deleted it since it was read
     */
    public static Inventory write(KubernetesClient client, String fleet, Inventory inventory) {
        var configMaps = client.configMaps().inNamespace(NAMESPACE);
        String name = configMapName(fleet);
        String json = inventory.toJson();
        ConfigMap live = configMaps.withName(name).get();
        if (inventory.revision() == null) {
            if (live != null) throw new InventoryException.Conflict(fleet, where(fleet) + " was created by another writer since it was read");
            ensureNamespace(client);
            ConfigMap fresh = new ConfigMapBuilder()
                    .withNewMetadata().withNamespace(NAMESPACE).withName(name).withLabels(labels()).withAnnotations(Map.of(FLEET_ANNOTATION, fleet)).endMetadata()
                    .withData(Map.of(DATA_KEY, json))
                    .build();
            try {
                return inventory.at(configMaps.resource(fresh).create().getMetadata().getResourceVersion());
            } catch (KubernetesClientException e) {
                if (e.getCode() == 409) throw new InventoryException.Conflict(fleet, where(fleet) + " was created by another writer since it was read");
                throw e;
            }
        }
        if (live == null) throw new InventoryException.Conflict(fleet, where(fleet) + " was deleted since it was read (at resourceVersion " + inventory.revision() + ")");
        String stored = live.getData() == null ? null : live.getData().get(DATA_KEY);
        if (json.equals(stored) && inventory.revision().equals(live.getMetadata().getResourceVersion())) return inventory;
        // PUT what is there (others' labels and annotations kept) with our data, at the revision we read: 409 if it moved
        ConfigMap next = new ConfigMapBuilder(live)
                .editMetadata().withResourceVersion(inventory.revision()).endMetadata()
                .withData(Map.of(DATA_KEY, json))
                .build();
        try {
            return inventory.at(configMaps.resource(next).update().getMetadata().getResourceVersion());
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                throw new InventoryException.Conflict(fleet, where(fleet) + " was changed by another writer since it was read (at resourceVersion "
                        + inventory.revision() + ")");
            }
            throw e;
        }
    }

    /**
     * Reads, changes and writes the inventory, reading again and redoing {@code change} when
     * another writer got there first (up to {@value #UPDATE_ATTEMPTS} times): what
     * the provider calls after each create ({@code inv -> inv.with(entry)}) or delete.
     */
    public static Inventory update(KubernetesClient client, String fleet, UnaryOperator<Inventory> change) {
        InventoryException.Conflict last = null;
        for (int attempt = 0; attempt < UPDATE_ATTEMPTS; attempt++) {
            Inventory current = read(client, fleet);
            try {
                return write(client, fleet, change.apply(current));
            } catch (InventoryException.Conflict e) {
                last = e;
            }
        }
        throw last;
    }

    private static void ensureNamespace(KubernetesClient client) {
        if (client.namespaces().withName(NAMESPACE).get() != null) return;
        try {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).withLabels(Map.of(FleetLabels.MANAGED_BY, FleetLabels.MANAGED_BY_VALUE)).endMetadata().build()).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) throw e; // another run created it meanwhile: fine
        }
    }

    /** Fleetform's, but no fleet's: shared by every fleet in the cluster, listed by none. */
    private static Map<String, String> labels() {
        Map<String, String> m = new TreeMap<>();
        m.put(FleetLabels.MANAGED_BY, FleetLabels.MANAGED_BY_VALUE);
        m.put(COMPONENT, "inventory");
        return m;
    }

    private static String where(String fleet) {
        return "the inventory ConfigMap " + NAMESPACE + "/" + configMapName(fleet);
    }
}
