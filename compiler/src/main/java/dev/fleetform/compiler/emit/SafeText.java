package dev.fleetform.compiler.emit;

/**
 * The one helper through which fleet.yaml values reach a shell command line. The schema already
 * restricts names and paths; this re-checks (defence in depth) and quotes. XML escaping is done
 * by FreeMarker's {@code .ftlx} format and YAML/JSON quoting by {@link Serializers}.
 */
public final class SafeText {
    private SafeText() {
    }

    /** Quotes a value as one POSIX shell word. Rejects NUL and control characters. */
    public static String shellWord(String value) {
        requirePrintable(value);
        if (!value.isEmpty() && allShellSafe(value)) return value;
        return "'" + value.replace("'", "'\"'\"'") + "'";
    }

    private static boolean allShellSafe(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (!isShellSafe(value.charAt(i))) return false;
        }
        return true;
    }

    /** Throws if the value holds a control character (newlines included): no fleet value may. */
    public static String requirePrintable(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new IllegalArgumentException("control character U+%04X in value".formatted((int) c));
            }
        }
        return value;
    }

    private static boolean isShellSafe(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_' || c == '.' || c == '/' || c == ':' || c == '=' || c == ',' || c == '@' || c == '+';
    }
}
