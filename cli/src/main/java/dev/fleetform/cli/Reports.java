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

    /**
     * Prints why nothing was reconciled (an invalid fleet or approvals.yaml), if so.
     *
     * @return whether it was: the command then exits {@link ExitCodes#INVALID}
     */
    static boolean notReconciled(ReconcileResult result, Path file, PrintWriter out) {
        switch (result) {
            case ReconcileResult.Invalid invalid -> invalid(invalid, file, out);
            case ReconcileResult.ApprovalsInvalid invalid -> approvalsInvalid(invalid, out);
            default -> {
                return false;
            }
        }
        return true;
    }

    private static void invalid(ReconcileResult.Invalid invalid, Path file, PrintWriter out) {
        DiagnosticFormat.TEXT.render(invalid.validation().diagnostics(), Summaries.of(file.toString(), invalid.validation())
                + "; nothing observed or changed", out);
        out.flush();
    }

    private static void approvalsInvalid(ReconcileResult.ApprovalsInvalid invalid, PrintWriter out) {
        DiagnosticFormat.TEXT.render(invalid.problems(), Approvals.FILE + ": invalid; nothing observed or changed", out);
        out.flush();
    }

    /** Colour only for a person at a terminal who has not asked for none (no-color.org). */
    static boolean color() {
        return System.console() != null && System.getenv("NO_COLOR") == null;
    }
}
