package dev.fleetform.compiler.emit.alertmanager;

/**
 * Alertmanager matchers ({@code team="mining"}): the value is always double-quoted, with
 * {@code \} and {@code "} escaped as Alertmanager's matcher parser expects.
 */
final class Matchers {
    private Matchers() {
    }

    static String equal(String label, String value) {
        StringBuilder b = new StringBuilder(label.length() + value.length() + 4);
        b.append(label).append("=\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' || c == '"') b.append('\\');
            b.append(c);
        }
        return b.append('"').toString();
    }
}
