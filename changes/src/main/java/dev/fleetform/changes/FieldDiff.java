package dev.fleetform.changes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Structural diff of JSON-like values down to the changed leaves: maps by key, lists element by
 * element when their length is unchanged (else the list as a whole), numbers by value.
 */
public final class FieldDiff {
    private FieldDiff() {
    }

    public static List<FieldChange> diff(Map<String, Object> before, Map<String, Object> after) {
        List<FieldChange> out = new ArrayList<>();
        diffMaps("", before == null ? Map.of() : before, after == null ? Map.of() : after, out);
        return out;
    }

    private static void diff(String path, Object b, Object a, List<FieldChange> out) {
        if (same(b, a)) return;
        if (b instanceof Map<?, ?> bm && a instanceof Map<?, ?> am) {
            diffMaps(path, bm, am, out);
        } else if (b instanceof List<?> bl && a instanceof List<?> al && bl.size() == al.size()) {
            for (int i = 0; i < bl.size(); i++) diff(path + "[" + i + "]", bl.get(i), al.get(i), out);
        } else {
            out.add(new FieldChange(path, b, a));
        }
    }

    private static void diffMaps(String path, Map<?, ?> b, Map<?, ?> a, List<FieldChange> out) {
        TreeSet<String> keys = new TreeSet<>();
        for (Object k : b.keySet()) keys.add(String.valueOf(k));
        for (Object k : a.keySet()) keys.add(String.valueOf(k));
        for (String k : keys) diff(path.isEmpty() ? k : path + "." + k, b.get(k), a.get(k), out);
    }

    /** Deep equality where 1 (int) equals 1 (long): YAML and the model type numbers differently. */
    public static boolean same(Object b, Object a) {
        if (b == a) return true;
        if (b instanceof String bs) return bs.equals(a);
        if (b instanceof Number bn && a instanceof Number an) {
            if (integral(bn) && integral(an)) return bn.longValue() == an.longValue();
            return new java.math.BigDecimal(bn.toString()).compareTo(new java.math.BigDecimal(an.toString())) == 0;
        }
        if (b instanceof Map<?, ?> bm && a instanceof Map<?, ?> am) {
            if (bm.size() != am.size()) return false;
            for (var e : bm.entrySet()) {
                if (!am.containsKey(e.getKey()) || !same(e.getValue(), am.get(e.getKey()))) return false;
            }
            return true;
        }
        if (b instanceof List<?> bl && a instanceof List<?> al) {
            if (bl.size() != al.size()) return false;
            for (int i = 0; i < bl.size(); i++) if (!same(bl.get(i), al.get(i))) return false;
            return true;
        }
        return Objects.equals(b, a);
    }

    private static boolean integral(Number n) {
        return n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte;
    }
}
