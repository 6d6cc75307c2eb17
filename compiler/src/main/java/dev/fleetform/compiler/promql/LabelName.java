package dev.fleetform.compiler.promql;

/**
 * Prometheus label names: {@code [a-zA-Z_][a-zA-Z0-9_]*}; names starting {@code __} are reserved.
 * Shared by the scrape targets' labels and the rule that checks they fit Consul service meta.
 */
public final class LabelName {
    private LabelName() {
    }

    /** {@code fleetform.dev/pool} -> {@code fleetform_dev_pool}; {@code 1x} -> {@code _1x}; {@code __x} -> {@code label__x}. */
    public static String of(String key) {
        StringBuilder b = new StringBuilder(key.length() + 1);
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
            b.append(ok ? c : '_');
        }
        if (b.isEmpty() || (b.charAt(0) >= '0' && b.charAt(0) <= '9')) b.insert(0, '_');
        if (b.length() >= 2 && b.charAt(0) == '_' && b.charAt(1) == '_') b.insert(0, "label");
        return b.toString();
    }
}
