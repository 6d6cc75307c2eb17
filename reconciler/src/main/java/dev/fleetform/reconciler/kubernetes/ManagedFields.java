package dev.fleetform.reconciler.kubernetes;

import dev.fleetform.changes.FieldDiff;
import io.fabric8.kubernetes.api.model.Quantity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The fields Fleetform manages on an object, as JSON-like trees: git's ({@code desired}), those it
 * applied last time ({@code last}, from the last-applied annotation) and the live object's.
 * {@link #project} reads the live object as the differ compares it; {@link #merge} computes the
 * object to write: live, with git's fields set and the fields git dropped removed. Both walk the
 * trees the same way, so a live object that projects equal to git merges to itself (no write).
 *
 * <p>Rules: only keys git or the last apply set count (server defaults, status and others' fields
 * never do); lists of named items are matched by their merge key, and an item added by hand to
 * such a list is drift; other lists are atomic; quantities compare by value ({@code 8000m} =
 * {@code 8}), int-or-string fields by text, and an empty collection is the same as none.
 */
final class ManagedFields {
    private static final Pattern QUANTITY = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+|[KMGTPE]i|[numkMGTPE])?");
    /** Quantity-valued maps and fields of the kinds Fleetform writes. */
    private static final Set<String> QUANTITY_MAPS = Set.of("requests", "limits");
    private static final Set<String> QUANTITY_FIELDS = Set.of("averageValue", "sizeLimit");
    /** IntOrString fields: the API takes 2 and "2" for the same thing here. */
    private static final Set<String> INT_OR_STRING = Set.of("maxUnavailable", "maxSurge", "minAvailable", "port", "targetPort");

    private ManagedFields() {
    }

    /** The merge key of a list of named items (kube-apiserver's patchMergeKey), or null for an atomic list. */
    static String mergeKey(String listField) {
        return switch (listField) {
            case "containers", "initContainers", "ephemeralContainers", "env", "volumes" -> "name";
            case "volumeMounts" -> "mountPath";
            case "ports" -> "containerPort";
            default -> null;
        };
    }

    // --- projection: the live object as the differ sees it ---

    /** The live object projected onto the keys of {@code desired} and {@code last} (either may be empty). */
    static Map<String, Object> project(Map<String, Object> desired, Map<String, Object> last, Map<String, Object> live) {
        return projectMap(null, desired, last, live);
    }

    private static Map<String, Object> projectMap(String field, Map<String, Object> d, Map<String, Object> l, Map<String, Object> v) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String k : keys(d, l)) {
            Object dv = d == null ? null : d.get(k);
            Object vv = v.get(k);
            if (vv == null || empty(vv)) {
                if (empty(dv)) out.put(k, dv); // none and empty are the same
                continue;
            }
            out.put(k, projectValue(field, k, dv, l == null ? null : l.get(k), vv));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object projectValue(String parent, String k, Object dv, Object lv, Object vv) {
        Object shape = dv != null ? dv : lv;
        if (vv instanceof Map<?, ?> vm && shape instanceof Map<?, ?>) {
            return projectMap(k, map(dv), map(lv), (Map<String, Object>) vm);
        }
        if (vv instanceof List<?> vl && shape instanceof List<?>) {
            String key = mergeKey(k);
            if (key != null) return projectNamed(k, key, list(dv), list(lv), (List<Object>) vl);
            return projectAtomic(k, list(shape), (List<Object>) vl);
        }
        return dv != null && equivalent(parent, k, dv, vv) ? dv : vv;
    }

    /** Git's items in git's order, then the live items git does not have: drift, unless git dropped them and they are gone. */
    private static List<Object> projectNamed(String field, String key, List<Object> d, List<Object> l, List<Object> v) {
        Map<Object, Map<String, Object>> live = byKey(key, v), lastItems = byKey(key, l);
        List<Object> out = new ArrayList<>();
        Set<Object> seen = new LinkedHashSet<>();
        for (Object o : d) {
            Map<String, Object> di = map(o);
            Object id = di.get(key);
            seen.add(id);
            Map<String, Object> vi = live.get(id);
            if (vi != null) out.add(projectMap(field, di, lastItems.get(id), vi));
        }
        for (Object o : v) {
            if (!(o instanceof Map<?, ?>)) {
                out.add(o);
                continue;
            }
            Map<String, Object> vi = map(o);
            Object id = vi.get(key);
            if (seen.contains(id)) continue;
            Map<String, Object> li = lastItems.get(id);
            out.add(li != null ? projectMap(field, null, li, vi) : vi);
        }
        return out;
    }

    /** An atomic list: the live list, each element read through git's element where the lengths agree (defaults inside left out). */
    private static List<Object> projectAtomic(String field, List<Object> shape, List<Object> v) {
        if (shape.size() != v.size()) return v;
        List<Object> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            Object s = shape.get(i), x = v.get(i);
            out.add(s instanceof Map<?, ?> && x instanceof Map<?, ?> ? projectMap(field, map(s), null, map(x))
                    : s != null && equivalent(null, field, s, x) ? s : x);
        }
        return out;
    }

    // --- merge: the object to write ---

    /**
     * The live object with git's fields set, the fields the last apply set and git no longer has
     * removed, and everything else (others' fields, server defaults, status) kept. Where a live
     * value is equivalent to git's the live one stays, so an object in sync merges to itself.
     */
    static Map<String, Object> merge(Map<String, Object> desired, Map<String, Object> last, Map<String, Object> live) {
        return mergeMap(null, desired, last, live);
    }

    private static Map<String, Object> mergeMap(String field, Map<String, Object> d, Map<String, Object> l, Map<String, Object> v) {
        Map<String, Object> out = new LinkedHashMap<>(v);
        if (l != null) for (String k : l.keySet()) if (d == null || !d.containsKey(k)) out.remove(k);
        if (d != null) {
            for (var e : d.entrySet()) {
                String k = e.getKey();
                Object vv = v.get(k);
                if ((vv == null || empty(vv)) && empty(e.getValue())) continue;
                out.put(k, mergeValue(field, k, e.getValue(), l == null ? null : l.get(k), vv));
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object mergeValue(String parent, String k, Object dv, Object lv, Object vv) {
        if (vv == null) return dv;
        if (dv instanceof Map<?, ?> dm && vv instanceof Map<?, ?> vm) return mergeMap(k, (Map<String, Object>) dm, map(lv), (Map<String, Object>) vm);
        if (dv instanceof List<?> dl && vv instanceof List<?> vl) {
            String key = mergeKey(k);
            if (key != null) return mergeNamed(k, key, (List<Object>) dl, list(lv), (List<Object>) vl);
            return FieldDiff.same(dl, projectAtomic(k, (List<Object>) dl, (List<Object>) vl)) ? vv : dv;
        }
        return equivalent(parent, k, dv, vv) ? vv : dv;
    }

    /** Git's items in git's order, each merged into its live item; items git does not have are dropped. */
    private static List<Object> mergeNamed(String field, String key, List<Object> d, List<Object> l, List<Object> v) {
        Map<Object, Map<String, Object>> live = byKey(key, v), lastItems = byKey(key, l);
        List<Object> out = new ArrayList<>(d.size());
        for (Object o : d) {
            Map<String, Object> di = map(o);
            Map<String, Object> vi = live.get(di.get(key));
            out.add(vi == null ? di : mergeMap(field, di, lastItems.get(di.get(key)), vi));
        }
        // unchanged but for order: keep the live order, nothing to write
        if (out.size() == v.size() && byKey(key, out).keySet().equals(live.keySet())) {
            List<Object> inLiveOrder = new ArrayList<>(v.size());
            Map<Object, Map<String, Object>> merged = byKey(key, out);
            for (Object o : v) inLiveOrder.add(merged.get(map(o).get(key)));
            if (FieldDiff.same(inLiveOrder, v)) return v;
        }
        return out;
    }

    // --- values ---

    /** Whether a live value means what git's does: equal, or equal as quantities or as int-or-string. */
    static boolean equivalent(String parent, String field, Object desired, Object live) {
        if (FieldDiff.same(desired, live)) return true;
        if (desired instanceof String ds && live instanceof String vs
                && (QUANTITY_MAPS.contains(parent) || QUANTITY_FIELDS.contains(field))) {
            return sameQuantity(ds, vs);
        }
        if (INT_OR_STRING.contains(field)) {
            if (desired instanceof Number n && live instanceof String s) return s.equals(n.toString());
            if (desired instanceof String s && live instanceof Number n) return s.equals(n.toString());
        }
        return false;
    }

    static boolean sameQuantity(String a, String b) {
        if (!QUANTITY.matcher(a).matches() || !QUANTITY.matcher(b).matches()) return false;
        try {
            return Quantity.getAmountInBytes(new Quantity(a)).compareTo(Quantity.getAmountInBytes(new Quantity(b))) == 0;
        } catch (IllegalArgumentException | ArithmeticException e) {
            return false;
        }
    }

    static boolean empty(Object o) {
        return o instanceof Map<?, ?> m && m.isEmpty() || o instanceof List<?> l && l.isEmpty();
    }

    private static Set<String> keys(Map<String, Object> d, Map<String, Object> l) {
        Set<String> keys = new LinkedHashSet<>();
        if (d != null) keys.addAll(d.keySet());
        if (l != null) keys.addAll(l.keySet());
        return keys;
    }

    private static Map<Object, Map<String, Object>> byKey(String key, List<Object> items) {
        Map<Object, Map<String, Object>> m = new LinkedHashMap<>();
        if (items == null) return m;
        for (Object o : items) if (o instanceof Map<?, ?>) m.putIfAbsent(map(o).get(key), map(o));
        return m;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return o instanceof List<?> l ? (List<Object>) l : List.of();
    }
}
