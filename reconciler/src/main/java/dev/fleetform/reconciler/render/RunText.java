package dev.fleetform.reconciler.render;

import dev.fleetform.changes.render.PlanText;
import dev.fleetform.reconciler.engine.ApplyReport;
import dev.fleetform.reconciler.engine.Drift;
import dev.fleetform.reconciler.engine.Outcome;
import dev.fleetform.reconciler.engine.TargetError;
import dev.fleetform.reconciler.engine.TargetPlan;

/**
 * Drift and apply for a terminal: the changes grouped by risk as {@code fleetform plan} shows
 * them, what became of each (apply), and a final line per target.
 */
public final class RunText {
    private RunText() {
    }

    public static String drift(Drift drift, boolean color) {
        StringBuilder out = new StringBuilder();
        errors(drift, out);
        out.append(PlanText.render(drift.plan(), color));
        out.append('\n');
        for (TargetPlan tp : drift.targets()) {
            out.append(tp.target().address()).append(": ")
                    .append(tp.plan().hasChanges() ? tp.plan().changes().size() + " change(s) to match git" : "in sync").append('\n');
        }
        unavailable(drift, out);
        return out.toString();
    }

    public static String apply(ApplyReport report, boolean color) {
        StringBuilder out = new StringBuilder();
        errors(report.drift(), out);
        out.append(PlanText.render(report.drift().plan(), color));
        boolean any = false;
        for (ApplyReport.TargetRun run : report.runs()) {
            for (Outcome o : run.outcomes()) {
                if (!any) out.append("\nOutcome\n");
                any = true;
                out.append("  ").append(String.format("%-8s", RunJson.name(o))).append(' ')
                        .append(o.change().action().glyph()).append(' ').append(o.change().address().text()).append('\n');
                String message = RunJson.message(o);
                if (!message.isEmpty()) out.append("           ").append(message).append('\n');
            }
        }
        out.append('\n');
        for (ApplyReport.TargetRun run : report.runs()) {
            out.append(run.target().address()).append(": ");
            if (run.outcomes().isEmpty()) out.append("in sync");
            else out.append(run.count(Outcome.Applied.class)).append(" applied, ")
                    .append(run.count(Outcome.Blocked.class)).append(" blocked, ")
                    .append(run.count(Outcome.Refused.class)).append(" refused, ")
                    .append(run.count(Outcome.Failed.class)).append(" failed");
            if (run.notInPlan() > 0) out.append("; ").append(run.notInPlan()).append(" change(s) not in the saved plan left alone");
            out.append('\n');
        }
        unavailable(report.drift(), out);
        return out.toString();
    }

    private static void errors(Drift drift, StringBuilder out) {
        for (TargetError e : drift.errors()) {
            out.append("error: ").append(e.target().address()).append(": ").append(e.reason()).append('\n');
            if (e.hint() != null) out.append("  hint: ").append(e.hint()).append('\n');
        }
        if (!drift.errors().isEmpty()) out.append('\n');
    }

    private static void unavailable(Drift drift, StringBuilder out) {
        for (TargetError e : drift.errors()) out.append(e.target().address()).append(": not observed (").append(e.reason()).append(")\n");
    }
}
