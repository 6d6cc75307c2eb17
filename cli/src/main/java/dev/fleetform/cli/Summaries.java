package dev.fleetform.cli;

import dev.fleetform.compiler.Stage;
import dev.fleetform.compiler.Validation;
import dev.fleetform.compiler.diag.Diagnostic;
import dev.fleetform.compiler.model.Fleet;
import dev.fleetform.compiler.model.Host;

/** The last line of {@code validate}: what was checked and the verdict. */
final class Summaries {
    private Summaries() {
    }

    static String of(String file, Validation v) {
        long errors = v.diagnostics().stream().filter(Diagnostic::isError).count();
        long warnings = v.diagnostics().size() - errors;
        if (errors == 0) {
            return file + ": valid" + (warnings > 0 ? " with " + plural(warnings, "warning") : "")
                    + " (" + contents(v.fleet()) + ")";
        }
        String s = file + ": invalid: " + plural(errors, "error") + (warnings > 0 ? ", " + plural(warnings, "warning") : "");
        // Later stages assume what earlier ones guarantee: say so, so a user knows more may follow.
        return v.reachedStage() != Stage.CHECK ? s + " (" + later(v.reachedStage()) + " run once these are fixed)" : s;
    }

    private static String later(Stage reached) {
        return switch (reached) {
            case LOAD -> "the schema and semantic checks";
            case SCHEMA, BIND -> "the semantic checks";
            case CHECK -> throw new IllegalArgumentException("nothing runs after " + reached);
        };
    }

    private static String contents(Fleet f) {
        if (f == null) return "empty";
        int vms = 0;
        for (Host h : f.hosts()) vms += h.vms().size();
        return plural(f.hosts().size(), "host") + ", " + plural(vms, "VM") + ", "
                + plural(f.clusters().size(), "cluster") + ", " + plural(f.miners().size(), "miner") + ", "
                + plural(f.monitoring().alerts().size(), "alert rule");
    }

    static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
