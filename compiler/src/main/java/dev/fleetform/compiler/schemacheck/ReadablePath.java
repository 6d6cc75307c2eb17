package dev.fleetform.compiler.schemacheck;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Renders a JSON pointer the way users read their YAML: {@code /hosts/3/vms/0/vcpus} becomes
 * {@code hosts[3].vms[0].vcpus}, and a key with dots or slashes is bracketed
 * ({@code defaults.baseline.sysctl["vm.swappiness"]}) so it reads as one key.
 */
final class ReadablePath {
    private ReadablePath() {
    }

    static String of(String pointer, JsonNode doc) {
        if (pointer.isEmpty()) return "the top level";
        StringBuilder b = new StringBuilder(pointer.length() + 8);
        JsonNode node = doc;
        for (String raw : pointer.substring(1).split("/", -1)) {
            String segment = unescape(raw);
            if (node != null && node.isArray()) {
                b.append('[').append(segment).append(']');
                node = node.path(toIndex(segment));
            } else {
                if (isPlainKey(segment)) {
                    if (!b.isEmpty()) b.append('.');
                    b.append(segment);
                } else {
                    b.append("[\"").append(segment).append("\"]");
                }
                node = node == null ? null : node.get(segment);
            }
        }
        return b.toString();
    }

    private static boolean isPlainKey(String s) {
        if (s.isEmpty()) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '-'
                    || (i > 0 && c >= '0' && c <= '9');
            if (!ok) return false;
        }
        return true;
    }

    private static int toIndex(String segment) {
        int n = 0;
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c < '0' || c > '9' || n > 100_000_000) return -1;
            n = n * 10 + (c - '0');
        }
        return segment.isEmpty() ? -1 : n;
    }

    private static String unescape(String segment) {
        if (segment.indexOf('~') < 0) return segment;
        return segment.replace("~1", "/").replace("~0", "~");
    }
}
