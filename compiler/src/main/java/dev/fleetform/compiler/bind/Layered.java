package dev.fleetform.compiler.bind;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fleetform.compiler.load.Origin;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A located view of the document where one value may be stacked from several layers (a host
 * over its profile over {@code defaults}), without copying trees. Layers are ordered top (wins)
 * first. Maps merge key by key, recursively; a list or a scalar comes whole from the top layer
 * that has it. {@link #origin()} is the pointer of the layer that provided the value, so an
 * element inherited from a profile points at the profile.
 */
final class Layered {

    static final Layered ABSENT = new Layered(new JsonNode[0], new Pointer[0]);

    private final JsonNode[] nodes;
    private final Pointer[] origins;

    private Layered(JsonNode[] nodes, Pointer[] origins) {
        this.nodes = nodes;
        this.origins = origins;
    }

    /** One layer; a missing or null node gives {@link #ABSENT}. */
    static Layered of(JsonNode node, Origin origin) {
        return of(node, new Pointer(origin));
    }

    private static Layered of(JsonNode node, Pointer at) {
        if (node == null || node.isNull() || node.isMissingNode()) return ABSENT;
        return new Layered(new JsonNode[] {node}, new Pointer[] {at});
    }

    /**
     * A JSON pointer made into a string only when asked: most views are never reported on, and
     * building a pointer string per value would dominate binding a large fleet.
     */
    private static final class Pointer {
        private final Pointer parent;
        private final String key;
        private final int index;
        private Origin origin;

        Pointer(Origin origin) {
            this(null, null, -1);
            this.origin = origin;
        }

        Pointer(Pointer parent, String key, int index) {
            this.parent = parent;
            this.key = key;
            this.index = index;
        }

        Origin origin() {
            if (origin == null) origin = key != null ? parent.origin().child(key) : parent.origin().child(index);
            return origin;
        }
    }

    /** This view on top of {@code lower}. */
    Layered over(Layered lower) {
        if (lower.isAbsent()) return this;
        if (isAbsent()) return lower;
        int n = nodes.length, m = lower.nodes.length;
        JsonNode[] ns = new JsonNode[n + m];
        Pointer[] os = new Pointer[n + m];
        System.arraycopy(nodes, 0, ns, 0, n);
        System.arraycopy(lower.nodes, 0, ns, n, m);
        System.arraycopy(origins, 0, os, 0, n);
        System.arraycopy(lower.origins, 0, os, n, m);
        return new Layered(ns, os);
    }

    boolean isAbsent() {
        return nodes.length == 0;
    }

    /** The top layer's value. */
    JsonNode node() {
        return nodes[0];
    }

    /** Where the value came from: the top layer that has it. */
    Origin origin() {
        return origins[0].origin();
    }

    /** Whether some layer has {@code key} (with a non-null value). */
    boolean has(String key) {
        for (JsonNode n : nodes) {
            JsonNode v = n.get(key);
            if (v != null && !v.isNull()) return true;
        }
        return false;
    }

    /**
     * The merged child {@code key}: the top layer's value, and when it is a map, the maps of the
     * lower layers under it (down to the first layer whose value is not a map).
     */
    Layered get(String key) {
        int count = 0;
        JsonNode[] ns = null;
        Pointer[] os = null;
        for (int i = 0; i < nodes.length; i++) {
            JsonNode child = nodes[i].get(key);
            if (child == null || child.isNull()) continue;
            if (count > 0 && !child.isObject()) break;
            if (ns == null) {
                ns = new JsonNode[nodes.length - i];
                os = new Pointer[nodes.length - i];
            }
            ns[count] = child;
            os[count] = new Pointer(origins[i], key, -1);
            count++;
            if (!child.isObject()) break;
        }
        if (count == 0) return ABSENT;
        if (count < ns.length) {
            ns = java.util.Arrays.copyOf(ns, count);
            os = java.util.Arrays.copyOf(os, count);
        }
        return new Layered(ns, os);
    }

    /** The items of the list {@code key}, each located in the layer that provided the list. */
    List<Layered> items(String key) {
        Layered list = get(key);
        if (list.isAbsent() || !list.node().isArray()) return List.of();
        JsonNode array = list.node();
        List<Layered> out = new ArrayList<>(array.size());
        Pointer at = list.origins[0];
        for (int i = 0; i < array.size(); i++) out.add(of(array.get(i), new Pointer(at, null, i)));
        return out;
    }

    /** Member names of the merged map: lower layers' first, then keys only upper layers add. */
    List<String> keys() {
        if (isAbsent() || !node().isObject()) return List.of();
        if (nodes.length == 1) {
            List<String> out = new ArrayList<>(nodes[0].size());
            nodes[0].fieldNames().forEachRemaining(out::add);
            return out;
        }
        Map<String, Boolean> seen = new LinkedHashMap<>();
        for (int i = nodes.length - 1; i >= 0; i--) {
            for (Iterator<String> it = nodes[i].fieldNames(); it.hasNext(); ) seen.put(it.next(), Boolean.TRUE);
        }
        return new ArrayList<>(seen.keySet());
    }

    /** Each member of the merged map as a view, in {@link #keys()} order. */
    Map<String, Layered> entries() {
        Map<String, Layered> out = new LinkedHashMap<>();
        for (String k : keys()) {
            Layered v = get(k);
            if (!v.isAbsent()) out.put(k, v);
        }
        return out;
    }

    String text(String key) {
        JsonNode v = scalar(key);
        return v == null ? null : v.asText();
    }

    String text(String key, String otherwise) {
        String v = text(key);
        return v == null ? otherwise : v;
    }

    int integer(String key, int otherwise) {
        JsonNode v = scalar(key);
        return v == null ? otherwise : v.asInt(otherwise);
    }

    long longInteger(String key, long otherwise) {
        JsonNode v = scalar(key);
        return v == null ? otherwise : v.asLong(otherwise);
    }

    double number(String key, double otherwise) {
        JsonNode v = scalar(key);
        return v == null ? otherwise : v.asDouble(otherwise);
    }

    boolean bool(String key, boolean otherwise) {
        JsonNode v = scalar(key);
        return v == null ? otherwise : v.asBoolean(otherwise);
    }

    Integer optionalInteger(String key) {
        JsonNode v = scalar(key);
        return v == null || !v.canConvertToInt() ? null : v.asInt();
    }

    /** A list of scalars, as text; lists replace, so this is the top layer's list. */
    List<String> strings(String key) {
        Layered list = get(key);
        if (list.isAbsent() || !list.node().isArray() || list.node().isEmpty()) return List.of();
        List<String> out = new ArrayList<>(list.node().size());
        for (JsonNode item : list.node()) out.add(item.asText());
        return Collections.unmodifiableList(out);
    }

    /** A map of scalars, as text, merged over the layers (upper values win). */
    Map<String, String> stringMap(String key) {
        Layered map = get(key);
        return map.isAbsent() ? Map.of() : map.asStringMap();
    }

    Map<String, String> asStringMap() {
        if (isAbsent() || !node().isObject()) return Map.of();
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = nodes.length - 1; i >= 0; i--) {
            for (Iterator<Map.Entry<String, JsonNode>> it = nodes[i].fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isNull()) out.put(e.getKey(), e.getValue().asText());
            }
        }
        return out.isEmpty() ? Map.of() : Collections.unmodifiableMap(out);
    }

    /** The top layer's scalar {@code key}, or null when no layer has it (or it is a map or list). */
    private JsonNode scalar(String key) {
        for (JsonNode n : nodes) {
            JsonNode v = n.get(key);
            if (v != null && !v.isNull()) return v.isValueNode() ? v : null;
        }
        return null;
    }
}
