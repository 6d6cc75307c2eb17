package dev.fleetform.reconciler.kubernetes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleetform.changes.FieldDiff;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An RFC 6902 JSON Patch: what turns one JSON tree into another, key by key in maps (so the keys
 * nobody changed are not in it) and a list as a whole. The only patch type that kube-apiserver and
 * the CRUD mock both apply faithfully, {@code test} included.
 */
record JsonPatch(List<Map<String, Object>> ops) {
    private static final ObjectMapper JSON = new ObjectMapper();

    JsonPatch {
        ops = List.copyOf(ops);
    }

    /** The operations that turn {@code from} into {@code to}. */
    static JsonPatch diff(Map<String, Object> from, Map<String, Object> to) {
        List<Map<String, Object>> ops = new ArrayList<>();
        diffMaps("", from, to, ops);
        return new JsonPatch(ops);
    }

    private static void diffMaps(String path, Map<String, Object> from, Map<String, Object> to, List<Map<String, Object>> ops) {
        for (String k : from.keySet()) if (!to.containsKey(k)) ops.add(op("remove", path + "/" + escape(k), null));
        for (var e : to.entrySet()) {
            String p = path + "/" + escape(e.getKey());
            Object a = from.get(e.getKey()), b = e.getValue();
            if (!from.containsKey(e.getKey())) ops.add(op("add", p, b));
            else if (a instanceof Map<?, ?> am && b instanceof Map<?, ?> bm) diffMaps(p, ManagedFields.map(am), ManagedFields.map(bm), ops);
            else if (!FieldDiff.same(a, b) || a == null ^ b == null) ops.add(op("replace", p, b));
        }
    }

    static Map<String, Object> op(String op, String path, Object value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("op", op);
        m.put("path", path);
        if (!op.equals("remove")) m.put("value", value);
        return m;
    }

    /** A JSON Pointer reference token: {@code fleetform.dev/owned} is {@code fleetform.dev~1owned}. */
    static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    boolean isEmpty() {
        return ops.isEmpty();
    }

    /** This patch after a {@code test} that the object is still at {@code resourceVersion}: a concurrent write fails it. */
    JsonPatch guardedBy(String resourceVersion) {
        List<Map<String, Object>> all = new ArrayList<>(ops.size() + 1);
        all.add(op("test", "/metadata/resourceVersion", resourceVersion));
        all.addAll(ops);
        return new JsonPatch(all);
    }

    String json() {
        try {
            return JSON.writeValueAsString(ops);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
