package dev.fleetform.compiler.emit.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reads manifests back with fabric8's model and fails on any field the model does not know:
 * fabric8 keeps unknown fields in {@code additionalProperties} instead of refusing them, so the
 * whole object graph is walked for non-empty ones.
 */
final class StrictModel {
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private StrictModel() {
    }

    /** Every document of a multi-document YAML file, typed by its apiVersion/kind. */
    static List<HasMetadata> read(String yaml) {
        List<HasMetadata> out = new ArrayList<>();
        for (String doc : yaml.split("(?m)^---\\n")) {
            if (doc.isBlank()) continue;
            Object o = SERIALIZATION.unmarshal(doc);
            assertTrue(o instanceof HasMetadata, () -> "not a typed Kubernetes object:\n" + doc);
            assertNoUnknownFields(o, o.getClass().getSimpleName(), new IdentityHashMap<>());
            out.add((HasMetadata) o);
        }
        return out;
    }

    private static void assertNoUnknownFields(Object o, String path, Map<Object, Boolean> seen) {
        if (o == null || seen.put(o, true) != null) return;
        if (o instanceof Collection<?> c) {
            int i = 0;
            for (Object e : c) assertNoUnknownFields(e, path + "[" + i++ + "]", seen);
            return;
        }
        if (o instanceof Map<?, ?> m) {
            for (var e : m.entrySet()) assertNoUnknownFields(e.getValue(), path + "." + e.getKey(), seen);
            return;
        }
        if (!o.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) return;
        for (Method getter : o.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) continue;
            Object v;
            try {
                v = getter.invoke(o);
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                Map<?, ?> extra = (Map<?, ?>) v;
                assertTrue(extra == null || extra.isEmpty(), () -> "unknown fields at " + path + ": " + extra.keySet());
            } else {
                assertNoUnknownFields(v, path + "." + getter.getName().substring(3), seen);
            }
        }
    }
}
