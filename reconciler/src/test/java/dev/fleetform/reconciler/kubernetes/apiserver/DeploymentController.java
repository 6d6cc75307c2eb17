package dev.fleetform.reconciler.kubernetes.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * What kube-controller-manager's Deployment controller writes once a rollout is done: status
 * (observedGeneration, replica counts, the Available and Progressing conditions) and the
 * {@code deployment.kubernetes.io/revision} annotation, with the shapes of a real
 * {@code kubectl get -o yaml} (argoproj/gitops-engine {@code pkg/diff/testdata/smd-deploy-live.yaml}).
 */
final class DeploymentController {
    static final String MANAGER = "kube-controller-manager";
    private static final String REVISION = "deployment.kubernetes.io/revision";
    /** k8s.io/apimachinery rand.SafeEncodeString's alphabet (no vowels, no look-alikes). */
    private static final String ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789";

    private volatile Rollouts mode = Rollouts.COMPLETE;

    void mode(Rollouts mode) {
        this.mode = mode;
    }

    Rollouts mode() {
        return mode;
    }

    /**
     * The Deployment after the controller caught up with {@code current} ({@code previous} is what
     * was stored before the write, null on create), or null when it has nothing to write.
     */
    ObjectNode reconcile(ObjectNode previous, ObjectNode current, Instant now) {
        if (mode == Rollouts.STUCK || !"Deployment".equals(Json.text(current, "kind"))) {
            return null;
        }
        if (rolledOut(current)) {
            return null;
        }
        ObjectNode next = current.deepCopy();
        ObjectNode annotations = Json.object(Json.object(next, "metadata"), "annotations");
        String revision = Json.text(annotations, REVISION);
        JsonNode template = next.path("spec").path("template");
        if (revision == null) {
            annotations.put(REVISION, "1");
        } else if (previous != null && !template.equals(previous.path("spec").path("template"))) {
            annotations.put(REVISION, String.valueOf(Long.parseLong(revision) + 1));
        }
        int replicas = next.path("spec").path("replicas").asInt(1);
        ObjectNode old = Json.objectOrNull(current, "status");
        ObjectNode status = Json.NODES.objectNode();
        status.put("observedGeneration", next.path("metadata").path("generation").asLong(1));
        if (replicas > 0) {
            // int32 fields with omitempty: a Deployment scaled to zero shows none of them
            status.put("replicas", replicas);
            status.put("updatedReplicas", replicas);
            status.put("readyReplicas", replicas);
            status.put("availableReplicas", replicas);
        }
        ArrayNode conditions = status.putArray("conditions");
        String name = Json.text(next, "metadata", "name");
        conditions.add(condition(old, "Available", "MinimumReplicasAvailable", "Deployment has minimum availability.", now));
        conditions.add(condition(old, "Progressing", "NewReplicaSetAvailable",
                "ReplicaSet \"" + name + "-" + templateHash(template) + "\" has successfully progressed.", now));
        if (old != null && sameIgnoringTimes(old, status)) {
            status = old;
        }
        next.set("status", status);
        return next.equals(current) ? null : next;
    }

    /** Status already says this generation is out: nothing left for the controller to do. */
    private static boolean rolledOut(ObjectNode deployment) {
        JsonNode status = deployment.path("status");
        int replicas = deployment.path("spec").path("replicas").asInt(1);
        long generation = deployment.path("metadata").path("generation").asLong(1);
        return status.path("observedGeneration").asLong(-1) == generation
                && status.path("updatedReplicas").asInt(0) == replicas
                && status.path("availableReplicas").asInt(0) == replicas
                && Json.text(deployment, "metadata", "annotations", REVISION) != null;
    }

    private static ObjectNode condition(ObjectNode oldStatus, String type, String reason, String message, Instant now) {
        String time = now.truncatedTo(ChronoUnit.SECONDS).toString();
        ObjectNode condition = Json.NODES.objectNode();
        JsonNode previous = null;
        if (oldStatus != null && oldStatus.get("conditions") instanceof ArrayNode list) {
            for (JsonNode c : list) {
                if (type.equals(Json.text(c, "type"))) {
                    previous = c;
                }
            }
        }
        boolean unchanged = previous != null && "True".equals(Json.text(previous, "status"));
        condition.put("lastTransitionTime", unchanged ? Json.text(previous, "lastTransitionTime") : time);
        boolean sameMessage = unchanged && message.equals(Json.text(previous, "message"));
        condition.put("lastUpdateTime", sameMessage ? Json.text(previous, "lastUpdateTime") : time);
        condition.put("message", message);
        condition.put("reason", reason);
        condition.put("status", "True");
        condition.put("type", type);
        return condition;
    }

    private static boolean sameIgnoringTimes(ObjectNode a, ObjectNode b) {
        return withoutTimes(a).equals(withoutTimes(b));
    }

    private static ObjectNode withoutTimes(ObjectNode status) {
        ObjectNode copy = status.deepCopy();
        if (copy.get("conditions") instanceof ArrayNode list) {
            list.forEach(c -> ((ObjectNode) c).remove(java.util.List.of("lastTransitionTime", "lastUpdateTime")));
        }
        return copy;
    }

    /** pod-template-hash: FNV-1a of the template, spelled as the controller spells it. */
    static String templateHash(JsonNode template) {
        int hash = 0x811c9dc5;
        for (byte b : Json.write(template).getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x01000193;
        }
        String digits = Integer.toUnsignedString(hash);
        StringBuilder encoded = new StringBuilder();
        for (char c : digits.toCharArray()) {
            encoded.append(ALPHANUMS.charAt(c % ALPHANUMS.length()));
        }
        return encoded.toString();
    }
}
