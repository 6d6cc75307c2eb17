package dev.fleetform.compiler.bind;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fleetform.compiler.diag.Origin;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A located view of the document where one value may be stacked from several layers (a host
 * over its profile over {@code defaults}), without copying trees. A view is its top layer,
 * linked to the layers under it. Maps merge key by key, recursively; a list or a scalar comes
 * whole from the top layer that has it. {@link #origin()} is the pointer of the layer that
 * provided the value, so an element inherited from a profile points at the profile.
 *
 * <p>Views are made by the million on large fleets, so a layer is one small object and its
 * pointer string is built only when asked for.
 */
final class Layered {

    static final Layered ABSENT = new Layered(null, null, null, -1, null);

    private final JsonNode node;
    /** The layer this one is a member or item of (its pointer is built from that); null for a root. */
    private final Layered parent;
    private final String key;
    private final int index;
    /** The next layer down, or null. */
    private final Layered lower;
    private Origin origin;

    private Layered(JsonNode node, Layered parent, String key, int index, Layered lower) {
        this.node = node;
        this.parent = parent;
        this.key = key;
        this.index = index;
        this.lower = lower;
    }

    /** One layer; a missing or null node gives {@link #ABSENT}. */
    static Layered of(JsonNode node, Origin origin) {
        if (!present(node)) return ABSENT;
        Layered root = new Layered(node, null, null, -1, null);
        root.origin = origin;
        return root;
    }

    /** This view on top of {@code lower}. */
    Layered over(Layered lower) {
        if (lower.isAbsent()) return this;
        if (isAbsent()) return lower;
        return stack(this, lower);
    }

    private static Layered stack(Layered top, Layered under) {
        Layered below = top.lower == null ? under : stack(top.lower, under);
        Layered copy = new Layered(top.node, top.parent, top.key, top.index, below);
        copy.origin = top.origin;
        return copy;
    }

    boolean isAbsent() {
        return node == null;
    }

    /** The top layer's value. */
    JsonNode node() {
        return node;
    }

    /** Where the value came from: the top layer that has it. */
    Origin origin() {
        if (origin == null) origin = key != null ? parent.origin().child(key) : parent.origin().child(index);
        return origin;
    }

    /** Whether some layer has {@code key} (with a non-null value). */
    boolean has(String key) {
        return value(key) != null;
    }

    /**
     * The merged child {@code key}: the top layer's value, and when it is a map, the maps of the
     * lower layers under it (down to the first layer whose value is not a map).
     */
    Layered get(String key) {
        Layered child = child(isAbsent() ? null : this, key, true);
        return child == null ? ABSENT : child;
    }

    private static Layered child(Layered from, String key, boolean top) {
        for (Layered l = from; l != null; l = l.lower) {
            JsonNode v = l.node.get(key);
            if (!present(v)) continue;
            if (!v.isObject()) return top ? new Layered(v, l, key, -1, null) : null;
            return new Layered(v, l, key, -1, child(l.lower, key, false));
        }
        return null;
    }

    /** The items of the list {@code key}, each located in the layer that provided the list. */
    List<Layered> items(String key) {
        Layered list = get(key);
        if (list.isAbsent() || !list.node.isArray() || list.node.isEmpty()) return List.of();
        List<Layered> out = new ArrayList<>(list.node.size());
        for (int i = 0; i < list.node.size(); i++) {
            JsonNode item = list.node.get(i);
            if (present(item)) out.add(new Layered(item, list, null, i, null));
        }
        return out;
    }

    /** Member names of the merged map: lower layers' first, then keys only upper layers add. */
    List<String> keys() {
        if (isAbsent() || !node.isObject()) return List.of();
        if (lower == null) {
            List<String> out = new ArrayList<>(node.size());
            node.fieldNames().forEachRemaining(out::add);
            return out;
        }
        Set<String> seen = new LinkedHashSet<>();
        addKeys(this, seen);
        return new ArrayList<>(seen);
    }

    private static void addKeys(Layered l, Set<String> into) {
        if (l.lower != null) addKeys(l.lower, into);
        l.node.fieldNames().forEachRemaining(into::add);
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

    /**
     * An integer, never wrapped: one too large for an int (the schema refuses it; binding runs
     * beside the schema check) binds at Integer.MAX_VALUE or MIN_VALUE, where Jackson's asInt
     * would turn 4294967292 into -4 and let a capacity rule pass.
     */
    int integer(String key, int otherwise) {
        JsonNode v = scalar(key);
        if (v == null) return otherwise;
        if (v.isIntegralNumber() && !v.canConvertToInt()) return v.bigIntegerValue().signum() < 0 ? Integer.MIN_VALUE : Integer.MAX_VALUE;
        return v.asInt(otherwise);
    }

    /** As {@link #integer}, for a long. */
    long longInteger(String key, long otherwise) {
        JsonNode v = scalar(key);
        if (v == null) return otherwise;
        if (v.isIntegralNumber() && !v.canConvertToLong()) return v.bigIntegerValue().signum() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        return v.asLong(otherwise);
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
        JsonNode list = value(key);
        if (list == null || !list.isArray() || list.isEmpty()) return List.of();
        List<String> out = new ArrayList<>(list.size());
        for (JsonNode item : list) {
            if (present(item)) out.add(item.asText());
        }
        return Collections.unmodifiableList(out);
    }

    /** A map of scalars, as text, merged over the layers (upper values win). */
    Map<String, String> stringMap(String key) {
        return get(key).asStringMap();
    }

    Map<String, String> asStringMap() {
        if (isAbsent() || !node.isObject() || (lower == null && node.isEmpty())) return Map.of();
        Map<String, String> out = LinkedHashMap.newLinkedHashMap(lower == null ? node.size() : 16);
        putScalars(this, out);
        return out.isEmpty() ? Map.of() : Collections.unmodifiableMap(out);
    }

    private static void putScalars(Layered l, Map<String, String> into) {
        if (l.lower != null) putScalars(l.lower, into);
        for (Iterator<Map.Entry<String, JsonNode>> it = l.node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (present(e.getValue())) into.put(e.getKey(), e.getValue().asText());
        }
    }

    /** The top layer's value of {@code key}, or null when no layer has it. */
    private JsonNode value(String key) {
        for (Layered l = isAbsent() ? null : this; l != null; l = l.lower) {
            JsonNode v = l.node.get(key);
            if (present(v)) return v;
        }
        return null;
    }

    /** The top layer's scalar {@code key}, or null when no layer has it (or it is a map or list). */
    private JsonNode scalar(String key) {
        JsonNode v = value(key);
        return v != null && v.isValueNode() ? v : null;
    }

    private static boolean present(JsonNode v) {
        return v != null && !v.isNull() && !v.isMissingNode();
    }
}
