package dev.fleetform.compiler.emit.ansible;

/** Ansible group names: {@code [A-Za-z_][A-Za-z0-9_]*}, so {@code -}, {@code .} and the like become {@code _}. */
final class GroupName {
    private GroupName() {
    }

    /** Joins the parts with {@code _} and maps every other character to {@code _}. */
    static String of(String... parts) {
        StringBuilder b = new StringBuilder();
        for (String part : parts) {
            if (!b.isEmpty()) b.append('_');
            for (int i = 0; i < part.length(); i++) {
                char c = part.charAt(i);
                b.append(isWordChar(c) ? c : '_');
            }
        }
        if (b.isEmpty() || (b.charAt(0) >= '0' && b.charAt(0) <= '9')) b.insert(0, '_');
        return b.toString();
    }

    private static boolean isWordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }
}
