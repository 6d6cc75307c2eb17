package dev.fleetform.cli.output;

import dev.fleetform.compiler.diag.Diagnostic;
import dev.fleetform.compiler.diag.Severity;
import dev.fleetform.compiler.emit.Serializers;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How {@code validate} (and every command that reports diagnostics) prints them. */
public enum DiagnosticFormat {

    /** {@code path:line:col: error[RULE]: message} and an indented hint: for people and editors. */
    TEXT {
        @Override
        public void render(List<Diagnostic> diagnostics, String summary, PrintWriter out) {
            for (Diagnostic d : diagnostics) {
                out.println(d.location() + ": " + d.severity().label() + "[" + d.ruleId() + "]: " + oneLine(d.message()));
                if (d.hint() != null) out.println("  hint: " + oneLine(d.hint()));
            }
            out.println(summary);
        }
    },

    /** A versioned document for tools; see the README for its fields. */
    JSON {
        @Override
        public void render(List<Diagnostic> diagnostics, String summary, PrintWriter out) {
            List<Map<String, Object>> items = new ArrayList<>();
            for (Diagnostic d : diagnostics) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("severity", d.severity().label());
                m.put("rule", d.ruleId());
                m.put("file", d.location().file());
                m.put("line", d.location().line());
                m.put("column", d.location().column());
                m.put("message", d.message());
                m.put("hint", d.hint());
                items.add(m);
            }
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("format_version", "1");
            doc.put("valid", diagnostics.stream().noneMatch(Diagnostic::isError));
            doc.put("errors", count(diagnostics, Severity.ERROR));
            doc.put("warnings", count(diagnostics, Severity.WARNING));
            doc.put("diagnostics", items);
            out.print(Serializers.jsonInOrder(doc));
        }
    },

    /** GitHub Actions workflow commands: each diagnostic becomes an annotation on the PR's diff. */
    GITHUB {
        @Override
        public void render(List<Diagnostic> diagnostics, String summary, PrintWriter out) {
            for (Diagnostic d : diagnostics) {
                String text = d.hint() == null ? d.message() : d.message() + "\nhint: " + d.hint();
                out.println("::" + d.severity().label()
                        + " file=" + property(d.location().file())
                        + ",line=" + d.location().line()
                        + ",col=" + d.location().column()
                        + ",title=" + property(d.ruleId())
                        + "::" + data(text));
            }
            out.println(summary);
        }
    };

    public abstract void render(List<Diagnostic> diagnostics, String summary, PrintWriter out);

    static long count(List<Diagnostic> ds, Severity s) {
        return ds.stream().filter(d -> d.severity() == s).count();
    }

    /**
     * One diagnostic is one line (editors and CI match {@code path:line:col: ...} per line), and
     * messages quote what the user wrote: line breaks of any kind, other control characters and
     * bidirectional overrides (which reorder what a terminal shows) are written as escapes.
     */
    static String oneLine(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean escape = (Character.isISOControl(c) && c != '\t') || c == '\u2028' || c == '\u2029'
                    || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
            if (escape && b == null) b = new StringBuilder(s.length() + 8).append(s, 0, i);
            if (b == null) continue;
            if (!escape) b.append(c);
            else if (c == '\n') b.append("\\n");
            else if (c == '\r') b.append("\\r");
            else b.append(String.format("\\u%04x", (int) c));
        }
        return b == null ? s : b.toString();
    }

    /** Escaping of a workflow command's message (GitHub's toolkit: %, CR, LF). */
    static String data(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** Escaping of a workflow command's property value (also : and ,). */
    static String property(String s) {
        return data(s).replace(":", "%3A").replace(",", "%2C");
    }
}
