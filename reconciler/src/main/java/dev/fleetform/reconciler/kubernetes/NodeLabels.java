package dev.fleetform.reconciler.kubernetes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleetform.changes.FieldDiff;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Nodes are not Fleetform's: it sets the label keys and taints of their pool and removes only
 * those it set before, which it records on the Node ({@code fleetform.dev/owned}). Labels are
 * patched one key per operation, so a concurrent writer's labels are never overwritten; taints
 * are one atomic list, written whole behind a {@code test} of the resourceVersion.
 */
final class NodeLabels {
    static final String OWNED = "fleetform.dev/owned";
    private static final ObjectMapper JSON = new ObjectMapper();

    private NodeLabels() {
    }

    /** The label keys and taint keys Fleetform set on a Node. */
    record Owned(Set<String> labels, Set<String> taints) {
        static final Owned NONE = new Owned(Set.of(), Set.of());

        Owned {
            labels = Set.copyOf(new TreeSet<>(labels));
            taints = Set.copyOf(new TreeSet<>(taints));
        }

        static Owned of(HasMetadata node) {
            Map<String, String> a = node.getMetadata() == null ? null : node.getMetadata().getAnnotations();
            String text = a == null ? null : a.get(OWNED);
            if (text == null) return NONE;
            try {
                Map<?, ?> m = JSON.readValue(text, Map.class);
                return new Owned(strings(m.get("labels")), strings(m.get("taints")));
            } catch (JsonProcessingException | RuntimeException e) {
                return NONE; // not ours to interpret: own nothing rather than remove what is not ours
            }
        }

        private static Set<String> strings(Object o) {
            Set<String> s = new TreeSet<>();
            if (o instanceof List<?> l) for (Object x : l) if (x instanceof String str) s.add(str);
            return s;
        }

        String json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("labels", new ArrayList<>(new TreeSet<>(labels)));
            m.put("taints", new ArrayList<>(new TreeSet<>(taints)));
            try {
                return JSON.writeValueAsString(m);
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The live Node as the differ sees it: git's and Fleetform's former labels and taints, nothing else. */
    static Map<String, Object> project(Map<String, Object> desired, Map<String, Object> live, Owned owned) {
        Map<String, String> dLabels = labels(desired);
        List<Map<String, Object>> dTaints = taints(desired);
        Map<String, String> liveLabels = labels(live);
        Map<String, Object> labels = new LinkedHashMap<>();
        Set<String> keys = new LinkedHashSet<>(dLabels.keySet());
        keys.addAll(owned.labels());
        for (String k : keys) if (liveLabels.containsKey(k)) labels.put(k, liveLabels.get(k));

        Set<String> taintKeys = taintKeys(dTaints);
        taintKeys.addAll(owned.taints());
        List<Map<String, Object>> mine = new ArrayList<>();
        for (Map<String, Object> t : taints(live)) if (taintKeys.contains(String.valueOf(t.get("key")))) mine.add(t);
        List<Object> taints = new ArrayList<>();
        for (Map<String, Object> d : dTaints) {
            Map<String, Object> match = find(mine, d.get("key"), d.get("effect"));
            if (match != null) {
                mine.remove(match);
                taints.add(shape(match));
            }
        }
        for (Map<String, Object> t : mine) taints.add(shape(t));

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("apiVersion", live.get("apiVersion"));
        out.put("kind", live.get("kind"));
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("name", ManagedFields.map(live.get("metadata")).get("name"));
        if (!labels.isEmpty()) meta.put("labels", labels);
        out.put("metadata", meta);
        if (!taints.isEmpty() || desired != null && desired.containsKey("spec")) {
            Map<String, Object> spec = new LinkedHashMap<>();
            if (!taints.isEmpty()) spec.put("taints", taints);
            out.put("spec", spec);
        }
        return out;
    }

    /**
     * The patch that gives a Node git's labels and taints and takes away those Fleetform set and
     * git no longer has ({@code desired} null: the Node left git), or an empty patch.
     */
    static JsonPatch patch(Map<String, Object> desired, Map<String, Object> live, Owned owned) {
        Map<String, String> dLabels = labels(desired);
        List<Map<String, Object>> dTaints = taints(desired);
        Map<String, Object> meta = ManagedFields.map(live.get("metadata"));
        Map<String, String> liveLabels = labels(live);
        List<Map<String, Object>> ops = new ArrayList<>();

        if (meta.get("labels") == null && !dLabels.isEmpty()) ops.add(JsonPatch.op("add", "/metadata/labels", new LinkedHashMap<>()));
        dLabels.forEach((k, v) -> {
            String path = "/metadata/labels/" + JsonPatch.escape(k);
            if (!liveLabels.containsKey(k)) ops.add(JsonPatch.op("add", path, v));
            else if (!Objects.equals(liveLabels.get(k), v)) ops.add(JsonPatch.op("replace", path, v));
        });
        for (String k : owned.labels()) {
            if (!dLabels.containsKey(k) && liveLabels.containsKey(k)) ops.add(JsonPatch.op("remove", "/metadata/labels/" + JsonPatch.escape(k), null));
        }

        Owned now = desired == null ? Owned.NONE : new Owned(dLabels.keySet(), taintKeys(dTaints));
        Map<String, Object> annotations = ManagedFields.map(meta.get("annotations"));
        String ownedPath = "/metadata/annotations/" + JsonPatch.escape(OWNED);
        boolean recorded = annotations != null && annotations.containsKey(OWNED);
        if (now.equals(Owned.NONE)) {
            if (recorded) ops.add(JsonPatch.op("remove", ownedPath, null));
        } else if (!recorded || !now.equals(owned) || !now.json().equals(annotations.get(OWNED))) {
            if (annotations == null) ops.add(JsonPatch.op("add", "/metadata/annotations", new LinkedHashMap<>()));
            ops.add(JsonPatch.op(recorded ? "replace" : "add", ownedPath, now.json()));
        }

        List<Map<String, Object>> liveTaints = taints(live);
        Set<String> mineKeys = taintKeys(dTaints);
        mineKeys.addAll(owned.taints());
        List<Object> next = new ArrayList<>();
        for (Map<String, Object> t : liveTaints) if (!mineKeys.contains(String.valueOf(t.get("key")))) next.add(t);
        for (Map<String, Object> d : dTaints) {
            Map<String, Object> same = find(liveTaints, d.get("key"), d.get("effect"));
            // the live one if equal: it may carry timeAdded
            next.add(same != null && FieldDiff.same(shape(same), shape(d)) ? same : d);
        }
        boolean taintsChange = !FieldDiff.same(new ArrayList<Object>(liveTaints), next);
        if (taintsChange) {
            Map<String, Object> spec = ManagedFields.map(live.get("spec"));
            boolean present = spec != null && spec.get("taints") != null;
            if (spec == null) ops.add(JsonPatch.op("add", "/spec", new LinkedHashMap<>()));
            if (next.isEmpty()) ops.add(JsonPatch.op("remove", "/spec/taints", null));
            else ops.add(JsonPatch.op(present ? "replace" : "add", "/spec/taints", next));
        }
        JsonPatch patch = new JsonPatch(ops);
        // the taint list is written whole: only over the list it was computed from
        return taintsChange ? patch.guardedBy(String.valueOf(meta.get("resourceVersion"))) : patch;
    }

    /**
     * {@code desired} without the NoExecute taints {@code live} does not carry yet (with the live
     * taints of the same key kept as they are, so nothing is removed meanwhile), or null when it
     * has none such.
     */
    static Map<String, Object> withoutNewEvictions(Map<String, Object> desired, Map<String, Object> live) {
        List<Map<String, Object>> liveTaints = taints(live);
        List<Object> kept = new ArrayList<>();
        boolean held = false;
        Set<Object> keptLiveKeys = new LinkedHashSet<>();
        for (Map<String, Object> d : taints(desired)) {
            if (!"NoExecute".equals(d.get("effect")) || find(liveTaints, d.get("key"), d.get("effect")) != null) {
                kept.add(d);
                continue;
            }
            held = true;
            if (keptLiveKeys.add(d.get("key"))) {
                for (Map<String, Object> t : liveTaints) if (Objects.equals(t.get("key"), d.get("key"))) kept.add(shape(t));
            }
        }
        if (!held) return null;
        Map<String, Object> out = new LinkedHashMap<>(desired);
        Map<String, Object> spec = new LinkedHashMap<>(ManagedFields.map(desired.get("spec")));
        spec.put("taints", kept);
        out.put("spec", spec);
        return out;
    }

    private static Map<String, Object> shape(Map<String, Object> taint) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String k : List.of("effect", "key", "value")) if (taint.get(k) != null) m.put(k, taint.get(k));
        return m;
    }

    private static Map<String, Object> find(List<Map<String, Object>> taints, Object key, Object effect) {
        for (Map<String, Object> t : taints) if (Objects.equals(t.get("key"), key) && Objects.equals(t.get("effect"), effect)) return t;
        return null;
    }

    private static Set<String> taintKeys(List<Map<String, Object>> taints) {
        Set<String> s = new LinkedHashSet<>();
        for (Map<String, Object> t : taints) s.add(String.valueOf(t.get("key")));
        return s;
    }

    private static Map<String, String> labels(Map<String, Object> node) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node == null) return out;
        Map<String, Object> meta = ManagedFields.map(node.get("metadata"));
        Map<String, Object> labels = meta == null ? null : ManagedFields.map(meta.get("labels"));
        if (labels != null) labels.forEach((k, v) -> out.put(k, v == null ? null : String.valueOf(v)));
        return out;
    }

    private static List<Map<String, Object>> taints(Map<String, Object> node) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (node == null) return out;
        Map<String, Object> spec = ManagedFields.map(node.get("spec"));
        Object t = spec == null ? null : spec.get("taints");
        if (t instanceof List<?> l) for (Object x : l) if (x instanceof Map<?, ?>) out.add(ManagedFields.map(x));
        return out;
    }
}
