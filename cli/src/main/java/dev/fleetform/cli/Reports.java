package dev.fleetform.cli;

import dev.fleetform.cli.output.DiagnosticFormat;
import dev.fleetform.compiler.plan.Approvals;
import dev.fleetform.reconciler.api.ReconcileResult;

import java.io.PrintWriter;
import java.nio.file.Path;

/** What drift and apply print when there is nothing to reconcile with. */
final class Reports {
    private Reports() {
    }

    static void invalid(ReconcileResult.Invalid invalid, Path file, PrintWriter out) {
        DiagnosticFormat.TEXT.render(invalid.validation().diagnostics(), Summaries.of(file.toString(), invalid.validation())
                + "; nothing observed or changed", out);
        out.flush();
    }

    static void approvalsInvalid(ReconcileResult.ApprovalsInvalid invalid, PrintWriter out) {
        DiagnosticFormat.TEXT.render(invalid.problems(), Approvals.FILE + ": invalid; nothing observed or changed", out);
        out.flush();
    }

    /** Colour only for a person at a terminal who has not asked for none (no-color.org). */
    static boolean color() {
        return System.console() != null && System.getenv("NO_COLOR") == null;
    }
}
