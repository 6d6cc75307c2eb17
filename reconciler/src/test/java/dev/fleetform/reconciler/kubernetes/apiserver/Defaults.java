package dev.fleetform.reconciler.kubernetes.apiserver;

import static dev.fleetform.reconciler.kubernetes.apiserver.Json.NODES;
import static dev.fleetform.reconciler.kubernetes.apiserver.Json.arrayOrNull;
import static dev.fleetform.reconciler.kubernetes.apiserver.Json.object;
import static dev.fleetform.reconciler.kubernetes.apiserver.Json.objectOrNull;
import static dev.fleetform.reconciler.kubernetes.apiserver.Json.putIfAbsent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * kube-apiserver's defaulting, applied on every write so that GET and LIST answer what a real
 * server answers. Read from kubernetes/kubernetes {@code pkg/apis/apps/v1/defaults.go},
 * {@code pkg/apis/core/v1/defaults.go}, {@code pkg/apis/autoscaling/v2/defaults.go} and the
 * registry strategies (Namespace), and checked against real {@code kubectl get -o yaml} outputs
 * (argoproj/gitops-engine {@code pkg/diff/testdata/smd-deploy-live.yaml}).
 */
final class Defaults {
    /** Go map fields with {@code omitempty}: an empty map sent in is not returned. */
    private static final Set<String> OMITTED_WHEN_EMPTY = Set.of(
            "labels", "annotations", "data", "binaryData", "matchLabels", "nodeSelector", "limits", "requests");

    private Defaults() {
    }

    static void apply(ObjectNode object) {
        dropEmpty(object);
        String kind = Json.text(object, "kind");
        if (kind == null) {
            return;
        }
        switch (kind) {
            case "Deployment" -> deployment(object);
            case "HorizontalPodAutoscaler" -> horizontalPodAutoscaler(object);
            case "Namespace" -> namespace(object);
            case "Node" -> node(object);
            case "Pod" -> podSpec(object(object, "spec"));
            default -> {
                // ConfigMap, PodDisruptionBudget (policy/v1 defaults nothing in spec), Secret...:
                // only the empty-collection rule and quantities apply
            }
        }
        Quantities.canonicalize(object);
    }

    private static void deployment(ObjectNode deployment) {
        ObjectNode spec = object(deployment, "spec");
        putIfAbsent(spec, "replicas", 1);
        ObjectNode strategy = object(spec, "strategy");
        putIfAbsent(strategy, "type", "RollingUpdate");
        if ("RollingUpdate".equals(Json.text(strategy, "type"))) {
            ObjectNode rolling = object(strategy, "rollingUpdate");
            putIfAbsent(rolling, "maxUnavailable", "25%");
            putIfAbsent(rolling, "maxSurge", "25%");
        }
        putIfAbsent(spec, "revisionHistoryLimit", 10);
        putIfAbsent(spec, "progressDeadlineSeconds", 600);
        podTemplate(object(spec, "template"));
    }

    private static void podTemplate(ObjectNode template) {
        ObjectNode metadata = object(template, "metadata");
        // Go's metav1.Time zero value: every server before 1.33 returns it in templates
        putIfAbsent(metadata, "creationTimestamp", NODES.nullNode());
        podSpec(object(template, "spec"));
    }

    private static void podSpec(ObjectNode spec) {
        putIfAbsent(spec, "restartPolicy", "Always");
        putIfAbsent(spec, "terminationGracePeriodSeconds", 30);
        putIfAbsent(spec, "dnsPolicy", "ClusterFirst");
        putIfAbsent(spec, "securityContext", NODES.objectNode());
        putIfAbsent(spec, "schedulerName", "default-scheduler");
        for (String list : new String[] {"initContainers", "containers", "ephemeralContainers"}) {
            ArrayNode containers = arrayOrNull(spec, list);
            if (containers != null) {
                containers.forEach(c -> {
                    if (c instanceof ObjectNode container) {
                        container(container);
                    }
                });
            }
        }
        ArrayNode volumes = arrayOrNull(spec, "volumes");
        if (volumes != null) {
            volumes.forEach(v -> {
                if (v instanceof ObjectNode volume) {
                    volume(volume);
                }
            });
        }
    }

    private static void container(ObjectNode container) {
        putIfAbsent(container, "terminationMessagePath", "/dev/termination-log");
        putIfAbsent(container, "terminationMessagePolicy", "File");
        putIfAbsent(container, "imagePullPolicy", pullPolicy(Json.text(container, "image")));
        putIfAbsent(container, "resources", NODES.objectNode());
        ArrayNode ports = arrayOrNull(container, "ports");
        if (ports != null) {
            ports.forEach(p -> {
                if (p instanceof ObjectNode port) {
                    putIfAbsent(port, "protocol", "TCP");
                }
            });
        }
        for (String probe : new String[] {"livenessProbe", "readinessProbe", "startupProbe"}) {
            ObjectNode body = objectOrNull(container, probe);
            if (body != null) {
                probe(body);
            }
        }
        ArrayNode env = arrayOrNull(container, "env");
        if (env != null) {
            env.forEach(e -> {
                ObjectNode fieldRef = objectOrNull(objectOrNull(e, "valueFrom"), "fieldRef");
                if (fieldRef != null) {
                    putIfAbsent(fieldRef, "apiVersion", "v1");
                }
            });
        }
    }

    /** SetDefaults_Container: Always for {@code :latest} or no tag, else IfNotPresent (digests too). */
    static String pullPolicy(String image) {
        if (image == null || image.contains("@")) {
            return "IfNotPresent";
        }
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        if (colon <= slash) {
            return "Always";
        }
        return image.substring(colon + 1).equals("latest") ? "Always" : "IfNotPresent";
    }

    private static void probe(ObjectNode probe) {
        putIfAbsent(probe, "timeoutSeconds", 1);
        putIfAbsent(probe, "periodSeconds", 10);
        putIfAbsent(probe, "successThreshold", 1);
        putIfAbsent(probe, "failureThreshold", 3);
        ObjectNode httpGet = objectOrNull(probe, "httpGet");
        if (httpGet != null) {
            putIfAbsent(httpGet, "path", "/");
            putIfAbsent(httpGet, "scheme", "HTTP");
        }
    }

    private static void volume(ObjectNode volume) {
        for (String source : new String[] {"secret", "configMap", "downwardAPI", "projected"}) {
            ObjectNode body = objectOrNull(volume, source);
            if (body != null) {
                putIfAbsent(body, "defaultMode", 420);
            }
        }
        ObjectNode hostPath = objectOrNull(volume, "hostPath");
        if (hostPath != null) {
            putIfAbsent(hostPath, "type", "");
        }
    }

    private static void horizontalPodAutoscaler(ObjectNode hpa) {
        if (!"autoscaling/v2".equals(Json.text(hpa, "apiVersion"))) {
            return;
        }
        ObjectNode spec = object(hpa, "spec");
        putIfAbsent(spec, "minReplicas", 1);
        ArrayNode metrics = arrayOrNull(spec, "metrics");
        if (metrics == null || metrics.isEmpty()) {
            ObjectNode cpu = NODES.objectNode();
            cpu.put("type", "Resource");
            ObjectNode resource = cpu.putObject("resource");
            resource.put("name", "cpu");
            ObjectNode target = resource.putObject("target");
            target.put("type", "Utilization");
            target.put("averageUtilization", 80);
            spec.putArray("metrics").add(cpu);
        }
        // SetDefaults_HorizontalPodAutoscalerBehavior fills the rules only when behavior is set
        ObjectNode behavior = objectOrNull(spec, "behavior");
        if (behavior != null) {
            ObjectNode up = object(behavior, "scaleUp");
            putIfAbsent(up, "stabilizationWindowSeconds", 0);
            putIfAbsent(up, "selectPolicy", "Max");
            putIfAbsent(up, "policies", policies(new String[] {"Pods", "Percent"}, new int[] {4, 100}));
            ObjectNode down = object(behavior, "scaleDown");
            // no stabilizationWindowSeconds: the controller's flag decides, the server leaves it unset
            putIfAbsent(down, "selectPolicy", "Max");
            putIfAbsent(down, "policies", policies(new String[] {"Percent"}, new int[] {100}));
        }
    }

    private static ArrayNode policies(String[] types, int[] values) {
        ArrayNode policies = NODES.arrayNode();
        for (int i = 0; i < types.length; i++) {
            ObjectNode policy = policies.addObject();
            policy.put("type", types[i]);
            policy.put("value", values[i]);
            policy.put("periodSeconds", 15);
        }
        return policies;
    }

    private static void namespace(ObjectNode namespace) {
        ObjectNode metadata = object(namespace, "metadata");
        String name = Json.text(metadata, "name");
        if (name != null) {
            // enforced on every write, not only defaulted (NamespaceDefaultLabelName)
            object(metadata, "labels").put("kubernetes.io/metadata.name", name);
        }
        ObjectNode spec = object(namespace, "spec");
        putIfAbsent(spec, "finalizers", NODES.arrayNode().add("kubernetes"));
        putIfAbsent(object(namespace, "status"), "phase", "Active");
    }

    private static void node(ObjectNode node) {
        object(node, "spec");
        ObjectNode status = objectOrNull(node, "status");
        if (status != null && status.get("capacity") != null) {
            // SetDefaults_NodeStatus: allocatable defaults to capacity
            putIfAbsent(status, "allocatable", status.get("capacity").deepCopy());
        }
    }

    /** Nulls, empty lists and empty string maps vanish (Go's omitempty), anywhere in the object. */
    private static void dropEmpty(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                JsonNode value = field.getValue();
                dropEmpty(value);
                // JSON null decodes to Go's zero value, and zero values are not sent back; what the
                // mock left of a merge patch's null (RFC 7386: delete the key) goes with them
                boolean isNull = value.isNull();
                boolean emptyList = value.isArray() && value.isEmpty();
                boolean emptyMap = value.isObject() && value.isEmpty() && OMITTED_WHEN_EMPTY.contains(field.getKey());
                if (isNull || emptyList || emptyMap) {
                    it.remove();
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(Defaults::dropEmpty);
        }
    }
}
