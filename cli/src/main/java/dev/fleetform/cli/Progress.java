package dev.fleetform.cli;

import dev.fleetform.reconciler.engine.Outcome;
import dev.fleetform.reconciler.engine.Target;
import dev.fleetform.reconciler.engine.TargetError;
import dev.fleetform.reconciler.engine.TargetPlan;

import java.io.PrintWriter;
import java.util.List;

/** A line per target and step on stderr, for a person at a terminal; nothing otherwise (CI logs get the report only). */
final class Progress implements dev.fleetform.reconciler.engine.Progress {
    private final PrintWriter err;

    private Progress(PrintWriter err) {
        this.err = err;
    }

    static dev.fleetform.reconciler.engine.Progress on(PrintWriter err) {
        return System.console() != null ? new Progress(err) : NONE;
    }

    private synchronized void line(String text) {
        err.println(text);
        err.flush();
    }

    @Override
    public void observing(Target target) {
        line(target + ": observing…");
    }

    @Override
    public void observed(TargetPlan plan) {
        line(plan.target() + ": " + (plan.plan().hasChanges() ? plan.plan().changes().size() + " change(s) to match git" : "in sync"));
    }

    @Override
    public void unavailable(TargetError error) {
        line(error.target() + ": not observed: " + error.reason());
    }

    @Override
    public void applying(Target target, int changes) {
        line(target + ": applying " + changes + " change(s)…");
    }

    @Override
    public void applied(Target target, List<Outcome> outcomes) {
        long ok = outcomes.stream().filter(o -> o instanceof Outcome.Applied).count();
        line(target + ": " + ok + " of " + outcomes.size() + " applied");
    }
}
