package dev.fleetform.reconciler.kubernetes.apiserver;

import static dev.fleetform.reconciler.kubernetes.apiserver.Json.NODES;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code metadata.managedFields} as kube-apiserver keeps them for Update operations: one entry per
 * (manager, operation, subresource), its time the last change, its fieldsV1 the fields that
 * manager has set. The field sets are approximate: a manager owns every field it changed, keyed
 * list items by their merge key ({@code k:{"name":"app"}}), other lists as a whole.
 */
final class ManagedFields {
    /** What an Update request's manager is called when it names none: the User-Agent's product. */
    static String manager(String fieldManager, String userAgent) {
        if (fieldManager != null && !fieldManager.isEmpty()) {
            return fieldManager;
        }
        if (userAgent == null || userAgent.isEmpty()) {
            return "unknown";
        }
        String product = userAgent.split("/", 2)[0];
        return product.length() > 128 ? product.substring(0, 128) : product;
    }

    /** Metadata fields a manager can own; the rest is the server's. */
    private static final Set<String> OWNABLE_METADATA = Set.of("labels", "annotations", "finalizers", "ownerReferences");
    /** Merge keys of the keyed lists that matter here (from the types' patchMergeKey). */
    private static final Map<String, String[]> KEYS = Map.ofEntries(
            Map.entry("containers", new String[] {"name"}),
            Map.entry("initContainers", new String[] {"name"}),
            Map.entry("ephemeralContainers", new String[] {"name"}),
            Map.entry("env", new String[] {"name"}),
            Map.entry("volumes", new String[] {"name"}),
            Map.entry("volumeMounts", new String[] {"mountPath"}),
            Map.entry("ports", new String[] {"containerPort", "protocol"}),
            Map.entry("conditions", new String[] {"type"}),
            Map.entry("taints", new String[] {"key", "effect"}),
            Map.entry("tolerations", new String[] {}),
            Map.entry("metrics", new String[] {}),
            Map.entry("imagePullSecrets", new String[] {"name"}));

    private ManagedFields() {
    }

    /**
     * The managedFields after {@code manager} changed {@code before} into {@code after} (before is
     * null on create); {@code subresource} is null for the main resource.
     */
    static ArrayNode record(ArrayNode entries, JsonNode before, ObjectNode after, String manager, String subresource,
            Instant now) {
        ArrayNode result = entries == null ? NODES.arrayNode() : entries.deepCopy();
        ObjectNode changed = subresource == null ? mainFields(before, after) : statusFields(before, after);
        if (changed.isEmpty()) {
            return result;
        }
        ObjectNode entry = null;
        for (JsonNode e : result) {
            if (manager.equals(Json.text(e, "manager")) && "Update".equals(Json.text(e, "operation"))
                    && Objects.equals(subresource, Json.text(e, "subresource"))) {
                entry = (ObjectNode) e;
            }
        }
        if (entry == null) {
            entry = result.addObject();
            entry.put("manager", manager);
            entry.put("operation", "Update");
            entry.put("apiVersion", Json.text(after, "apiVersion"));
            entry.put("fieldsType", "FieldsV1");
            entry.putObject("fieldsV1");
            if (subresource != null) {
                entry.put("subresource", subresource);
            }
        }
        entry.put("apiVersion", Json.text(after, "apiVersion"));
        entry.put("time", now.truncatedTo(ChronoUnit.SECONDS).toString());
        merge(Json.object(entry, "fieldsV1"), changed);
        return result;
    }

    private static ObjectNode mainFields(JsonNode before, ObjectNode after) {
        ObjectNode fields = NODES.objectNode();
        ObjectNode metadata = NODES.objectNode();
        for (String name : OWNABLE_METADATA) {
            diff(name, before == null ? null : before.path("metadata").get(name), after.path("metadata").get(name), metadata);
        }
        if (!metadata.isEmpty()) {
            fields.set("f:metadata", metadata);
        }
        for (Iterator<String> it = after.fieldNames(); it.hasNext();) {
            String name = it.next();
            if (!Set.of("apiVersion", "kind", "metadata", "status").contains(name)) {
                diff(name, before == null ? null : before.get(name), after.get(name), fields);
            }
        }
        return fields;
    }

    private static ObjectNode statusFields(JsonNode before, ObjectNode after) {
        ObjectNode fields = NODES.objectNode();
        diff("status", before == null ? null : before.get("status"), after.get("status"), fields);
        return fields;
    }

    /** Adds to {@code into} the fields of {@code after} that differ from {@code before}. */
    private static void diff(String name, JsonNode before, JsonNode after, ObjectNode into) {
        diff(name, before, after, into, false);
    }

    private static void diff(String name, JsonNode before, JsonNode after, ObjectNode into, boolean nested) {
        if (after == null || after.isNull() || after.equals(before)) {
            return;
        }
        String key = "f:" + name;
        if (after instanceof ObjectNode object) {
            ObjectNode child = NODES.objectNode();
            if (nested && !(before instanceof ObjectNode)) {
                child.putObject(".");
            }
            for (Iterator<String> it = object.fieldNames(); it.hasNext();) {
                String field = it.next();
                diff(field, before == null ? null : before.get(field), object.get(field), child, true);
            }
            into.set(key, child);
        } else if (after instanceof ArrayNode list && KEYS.containsKey(name) && KEYS.get(name).length > 0) {
            ObjectNode child = NODES.objectNode();
            for (JsonNode item : list) {
                String itemKey = itemKey(item, KEYS.get(name));
                JsonNode previous = find(before, itemKey, KEYS.get(name));
                if (!item.equals(previous)) {
                    ObjectNode itemFields = NODES.objectNode();
                    itemFields.putObject(".");
                    for (Iterator<String> it = item.fieldNames(); it.hasNext();) {
                        String field = it.next();
                        diff(field, previous == null ? null : previous.get(field), item.get(field), itemFields, true);
                    }
                    child.set(itemKey, itemFields);
                }
            }
            into.set(key, child);
        } else {
            into.putObject(key);
        }
    }

    private static String itemKey(JsonNode item, String[] keys) {
        ObjectNode key = NODES.objectNode();
        for (String k : keys) {
            if (item.has(k)) {
                key.set(k, item.get(k));
            }
        }
        return "k:" + Json.write(key);
    }

    private static JsonNode find(JsonNode list, String itemKey, String[] keys) {
        if (list instanceof ArrayNode array) {
            for (JsonNode item : array) {
                if (itemKey(item, keys).equals(itemKey)) {
                    return item;
                }
            }
        }
        return null;
    }

    private static void merge(ObjectNode into, ObjectNode from) {
        for (Iterator<Map.Entry<String, JsonNode>> it = from.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            if (into.get(field.getKey()) instanceof ObjectNode existing && field.getValue() instanceof ObjectNode more) {
                merge(existing, more);
            } else {
                into.set(field.getKey(), field.getValue().deepCopy());
            }
        }
    }
}
