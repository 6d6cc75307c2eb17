package dev.fleetform.changes.render;

import java.util.List;
import java.util.Map;

/** How plan renderers print field values: compact, quoted strings, lists and maps inline. */
final class Values {
    static final int MAX = 120;

    private Values() {
    }

    static String show(Object v) {
        String s = raw(v);
        return s.length() > MAX ? s.substring(0, MAX - 1) + "…" : s;
    }

    private static String raw(Object v) {
        if (v == null) return "(none)";
        if (v instanceof String str) return "\"" + str + "\"";
        if (v instanceof List<?> l) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < l.size(); i++) sb.append(i > 0 ? ", " : "").append(raw(l.get(i)));
            return sb.append(']').toString();
        }
        if (v instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder("{");
            int i = 0;
            for (var e : m.entrySet()) sb.append(i++ > 0 ? ", " : "").append(e.getKey()).append(": ").append(raw(e.getValue()));
            return sb.append('}').toString();
        }
        return String.valueOf(v);
    }
}
