package dev.fleetform.reconciler.kubernetes.apiserver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.zjsonpatch.JsonPatch;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The CRUD mock's store, with kube-apiserver's write path around its single persistence point
 * ({@link #processEvent}): every object a create, PUT or patch stores is first defaulted, its
 * status handled as the kind's strategy does, its generation and managedFields kept as the real
 * server keeps them; a write that changes nothing stores nothing. Then the Deployment controller
 * gets its turn.
 */
final class StoringDispatcher extends KubernetesCrudDispatcher {
    /** Kinds whose status is a subresource: main-resource writes keep the stored status. */
    private static final Set<String> STATUS_SUBRESOURCE = Set.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet",
            "HorizontalPodAutoscaler", "PodDisruptionBudget", "Namespace", "Node", "Job", "Pod", "Service");

    /** The write being served on this thread (the mock serves each request on one thread). */
    private static final ThreadLocal<Write> WRITE = new ThreadLocal<>();

    private final DeploymentController controller;
    private final Clock clock;

    /** One write request: who makes it, whether it is the fixture's own seeding, what it sent. */
    static final class Write {
        final String manager;
        final boolean seeding;
        final ObjectNode body;
        String stored;
        boolean handled;

        Write(String manager, boolean seeding, String body) {
            this.manager = manager;
            this.seeding = seeding;
            this.body = body == null || body.isEmpty() ? null : Json.parse(body);
        }
    }

    StoringDispatcher(DeploymentController controller, Clock clock) {
        this.controller = controller;
        this.clock = clock;
    }

    /** Serves one request; for writes, the response carries what was stored, as a real server's does. */
    MockResponse dispatch(RecordedRequest request, Write write) {
        WRITE.set(write);
        try {
            MockResponse response = dispatch(request);
            if (write != null && write.stored != null && response.code() < 300) {
                response.setBody(write.stored);
            }
            return response;
        } finally {
            WRITE.remove();
        }
    }

    @Override
    public void processEvent(String path, AttributeSet pathAttributes, AttributeSet oldAttributes,
            GenericKubernetesResource resource, String newState) {
        Write write = WRITE.get();
        if (write == null || write.handled || newState == null) {
            super.processEvent(path, pathAttributes, oldAttributes, resource, newState);
            return;
        }
        write.handled = true;
        String oldState = oldAttributes == null ? null : map.get(oldAttributes);
        ObjectNode old = oldState == null ? null : Json.parse(oldState);
        Instant now = clock.instant();
        ObjectNode stored = store(path, old, Json.parse(newState), write, now);
        String storedJson = oldState;
        if (stored != null) {
            storedJson = Json.write(stored);
            super.processEvent(path, pathAttributes, oldAttributes, null, storedJson);
        } else {
            stored = old;
        }
        write.stored = storedJson;
        ObjectNode progressed = stored == null ? null : controller.reconcile(old, stored, now);
        AttributeSet key = progressed == null ? null : keyOf(storedJson);
        if (key != null) {
            ObjectNode metadata = Json.object(progressed, "metadata");
            metadata.put("resourceVersion", String.valueOf(requestResourceVersion()));
            metadata.set("managedFields", ManagedFields.record(Json.arrayOrNull(metadata, "managedFields"), stored,
                    progressed, DeploymentController.MANAGER, "status", now));
            super.processEvent(path, pathAttributes, key, null, Json.write(progressed));
        }
    }

    private AttributeSet keyOf(String storedJson) {
        for (Map.Entry<AttributeSet, String> entry : map.entrySet()) {
            if (entry.getValue() == storedJson) {
                return entry.getKey();
            }
        }
        return null;
    }

    /** The object to store, or null when the write changes nothing (a real server stores nothing then). */
    private ObjectNode store(String path, ObjectNode old, ObjectNode next, Write write, Instant now) {
        ObjectNode metadata = Json.object(next, "metadata");
        if (metadata.path("namespace").isNull()) {
            metadata.remove("namespace"); // the mock writes namespace: null on cluster-scoped updates
        }
        String pathOnly = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        if (pathOnly.endsWith("/status")) {
            if (old != null && comparable(old).equals(comparable(next))) {
                return null;
            }
            metadata.set("managedFields", ManagedFields.record(Json.arrayOrNull(metadata, "managedFields"), old, next,
                    write.manager, "status", now));
            return next;
        }
        String kind = Json.text(next, "kind");
        if (old == null) {
            create(next, metadata, kind, write);
            Defaults.apply(next);
            boolean keepFields = write.seeding && Json.arrayOrNull(write.body.path("metadata"), "managedFields") != null;
            if (!keepFields) {
                metadata.set("managedFields", ManagedFields.record(null, null, next, write.manager, null, now));
            }
            return next;
        }
        if (STATUS_SUBRESOURCE.contains(kind)) {
            if (old.get("status") == null) {
                next.remove("status");
            } else {
                next.set("status", old.get("status").deepCopy());
            }
        }
        Defaults.apply(next);
        if (Json.arrayOrNull(metadata, "managedFields") == null && Json.arrayOrNull(old.path("metadata"), "managedFields") != null) {
            // a PUT without managedFields keeps the stored ones
            metadata.set("managedFields", old.path("metadata").get("managedFields").deepCopy());
        }
        if (comparable(old).equals(comparable(next))) {
            return null;
        }
        long generation = old.path("metadata").path("generation").asLong(1);
        metadata.put("generation", specChanged(old, next) ? generation + 1 : generation);
        metadata.set("managedFields", ManagedFields.record(Json.arrayOrNull(metadata, "managedFields"), old, next,
                write.manager, null, now));
        if (metadata.path("resourceVersion").asText().equals(Json.text(old, "metadata", "resourceVersion"))) {
            metadata.put("resourceVersion", String.valueOf(requestResourceVersion()));
        }
        return next;
    }

    private static void create(ObjectNode next, ObjectNode metadata, String kind, Write write) {
        if (write.seeding && write.body != null) {
            // a seed is an object a real server returned: its identity and history stay
            JsonNode sent = write.body.path("metadata");
            for (String field : List.of("uid", "creationTimestamp", "generation")) {
                if (sent.hasNonNull(field)) {
                    metadata.set(field, sent.get(field));
                }
            }
            if (write.body.get("status") != null) {
                return;
            }
        }
        switch (kind == null ? "" : kind) {
            // PrepareForCreate resets status; what is left is the zero value as Go serialises it
            case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet" -> next.putObject("status");
            case "HorizontalPodAutoscaler" -> next.putObject("status").put("desiredReplicas", 0);
            case "PodDisruptionBudget" -> {
                ObjectNode status = next.putObject("status");
                for (String field : List.of("currentHealthy", "desiredHealthy", "disruptionsAllowed", "expectedPods")) {
                    status.put(field, 0);
                }
            }
            case "Namespace" -> next.remove("status");
            default -> {
                // Nodes register with their status (kubelet); ConfigMaps have none
            }
        }
    }

    /** What must differ for a write to be a change: not the server-kept bookkeeping. */
    private static ObjectNode comparable(ObjectNode object) {
        ObjectNode copy = object.deepCopy();
        ObjectNode metadata = Json.object(copy, "metadata");
        metadata.remove(List.of("resourceVersion", "generation", "managedFields"));
        return copy;
    }

    /** Generation counts changes outside metadata and status (the strategies' PrepareForUpdate). */
    private static boolean specChanged(ObjectNode old, ObjectNode next) {
        ObjectNode a = old.deepCopy();
        ObjectNode b = next.deepCopy();
        a.remove(List.of("metadata", "status"));
        b.remove(List.of("metadata", "status"));
        return !a.equals(b);
    }

    boolean namespaceExists(String name) {
        return findResource(getKey("/api/v1/namespaces/" + name)) != null;
    }

    /**
     * Why this RFC 6902 patch cannot apply to the stored object, or why its result is invalid;
     * null when it can (or when there is no object: the mock answers 404).
     */
    String jsonPatchError(String path, String patch) {
        Map.Entry<AttributeSet, String> current = findResource(getKey(path));
        if (current == null) {
            return null;
        }
        try {
            return Validation.invalid(JsonPatch.apply(Json.MAPPER.readTree(patch), Json.MAPPER.readTree(current.getValue())));
        } catch (JsonProcessingException e) {
            return "the patch is not JSON: " + e.getOriginalMessage();
        } catch (RuntimeException e) {
            return String.valueOf(e.getMessage());
        }
    }
}
