package dev.fleetform.reconciler.kubernetes.prune;

import dev.fleetform.reconciler.kubernetes.apiserver.ApiServer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Live objects for the tests, from real API-server outputs (the fixtures in
 * {@code kubernetes/prune/}, each citing where it comes from), renamed and labelled per test.
 */
final class Live {
    static final String FLEET = "web3-prod";
    static final String CLUSTER = "prod";
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private Live() {
    }

    /** The fixture {@code kind} (deployment, namespace, configmap) as {@code namespace/name}, with the fleet's labels. */
    static <T extends HasMetadata> T owned(String fixture, String namespace, String name) {
        T o = fixture(fixture, namespace, name);
        Map<String, String> labels = new TreeMap<>(o.getMetadata().getLabels() == null ? Map.of() : o.getMetadata().getLabels());
        labels.putAll(FleetLabels.of(FLEET));
        o.getMetadata().setLabels(labels);
        return o;
    }

    /** The fixture renamed, with its own labels only. */
    @SuppressWarnings("unchecked")
    static <T extends HasMetadata> T fixture(String fixture, String namespace, String name) {
        try (InputStream in = Live.class.getResourceAsStream("/kubernetes/prune/" + fixture + "-live.yaml")) {
            if (in == null) throw new IllegalArgumentException("no fixture " + fixture);
            T o = (T) SERIALIZATION.unmarshal(in);
            o.getMetadata().setName(name);
            o.getMetadata().setNamespace(namespace);
            if (o.getKind().equals("Namespace")) o.getMetadata().getLabels().put("kubernetes.io/metadata.name", name);
            return o;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static <T extends HasMetadata> T annotated(T o, String key, String value) {
        Map<String, String> a = new TreeMap<>(o.getMetadata().getAnnotations() == null ? Map.of() : o.getMetadata().getAnnotations());
        a.put(key, value);
        o.getMetadata().setAnnotations(a);
        return o;
    }

    /**
     * Puts {@code o} into the server as someone's create left it (defaulted, its status and
     * managedFields kept) and returns it as stored. The fixture's uid is cleared so that each seed
     * is an object of its own (the server gives it a uid), as two creates of one name would be.
     */
    static <T extends HasMetadata> T seed(ApiServer api, T o) {
        o.getMetadata().setUid(null);
        o.getMetadata().setResourceVersion(null);
        return api.seed(o);
    }

    /** The inventory entry of a seeded object: what the provider records after its create. */
    static InventoryEntry entry(HasMetadata created) {
        return InventoryEntry.of(created);
    }
}
