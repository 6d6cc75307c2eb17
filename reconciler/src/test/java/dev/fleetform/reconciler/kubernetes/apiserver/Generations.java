package dev.fleetform.reconciler.kubernetes.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * The mock keeps {@code metadata.generation} on every kind (its PUT and patch handlers need it
 * stored); kube-apiserver sets it only where the strategy does. Answers lose it for the kinds
 * whose real objects have none. Watch events still carry it.
 */
final class Generations {
    private static final Set<String> WITHOUT_GENERATION = Set.of("ConfigMap", "Secret", "Namespace", "Node", "Service",
            "ServiceAccount", "Endpoints", "PersistentVolume", "PersistentVolumeClaim");

    private Generations() {
    }

    /** The body as a real server would send it, or the same string when nothing changes. */
    static String strip(String body) {
        if (body == null || !body.contains("\"generation\"")) {
            return body;
        }
        ObjectNode object = Json.parse(body);
        if (object == null) {
            return body;
        }
        boolean changed = strip(object);
        if (object.get("items") != null && object.path("kind").asText().endsWith("List")) {
            for (JsonNode item : object.get("items")) {
                changed |= item instanceof ObjectNode o && strip(o);
            }
        }
        return changed ? Json.write(object) : body;
    }

    private static boolean strip(ObjectNode object) {
        String kind = Json.text(object, "kind");
        if (kind != null && WITHOUT_GENERATION.contains(kind) && object.get("metadata") instanceof ObjectNode metadata) {
            return metadata.remove("generation") != null;
        }
        return false;
    }
}
