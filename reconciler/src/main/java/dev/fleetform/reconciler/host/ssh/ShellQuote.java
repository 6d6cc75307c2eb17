package dev.fleetform.reconciler.host.ssh;

import java.util.List;

/**
 * The one way a value from the fleet reaches a remote shell: POSIX single quotes, in which the
 * shell interprets nothing ({@code '} itself is written {@code '\''}). NUL cannot be passed in
 * an argument at all, so it is refused; a value headed for a line of a file (a sysctl.d or
 * limits.d line) must also be one line, which {@link #line} checks.
 */
public final class ShellQuote {
    private ShellQuote() {
    }

    /** {@code value} as one shell word. */
    public static String quote(String value) {
        if (value.indexOf('\0') >= 0) throw new IllegalArgumentException("a NUL character cannot be passed to a shell: " + visible(value));
        if (!value.isEmpty() && value.chars().allMatch(ShellQuote::plain)) return value;
        return "'" + value.replace("'", "'\\''") + "'";
    }

    /** Each word quoted, joined by spaces: a command line with no expansion in it. */
    public static String command(String... words) {
        return command(List.of(words));
    }

    public static String command(List<String> words) {
        StringBuilder b = new StringBuilder();
        for (String w : words) {
            if (!b.isEmpty()) b.append(' ');
            b.append(quote(w));
        }
        return b.toString();
    }

    /** {@code value} unchanged when it fits on one line of a file; else refused, naming {@code what}. */
    public static String line(String what, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\n' || c == '\r' || c == '\0') {
                throw new IllegalArgumentException(what + " must be one line (it holds a line break or NUL): " + visible(value));
            }
        }
        return value;
    }

    /** Characters no shell gives a meaning to, left bare so commands read as a person would type them. */
    private static boolean plain(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '/' || c == '.' || c == '_' || c == '-' || c == ':' || c == '=' || c == ',' || c == '+' || c == '@';
    }

    private static String visible(String s) {
        return s.replace("\0", "\\0").replace("\n", "\\n").replace("\r", "\\r");
    }
}
