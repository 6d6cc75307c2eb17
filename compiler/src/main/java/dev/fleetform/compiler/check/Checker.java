package dev.fleetform.compiler.check;

import dev.fleetform.compiler.diag.Diagnostic;
import dev.fleetform.compiler.diag.Diagnostics;
import dev.fleetform.compiler.diag.Location;
import dev.fleetform.compiler.diag.Origin;
import dev.fleetform.compiler.load.SourceMap;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs the semantic rules. A rule that throws is a bug in Fleetform, not in the fleet: it
 * becomes one {@code INTERNAL} diagnostic naming the rule (what it reported before failing is
 * dropped, as it may be incomplete), and the other rules still run.
 */
public final class Checker {
    public static final String INTERNAL = "INTERNAL";

    private Checker() {
    }

    public static void run(CheckContext ctx, Diagnostics out) {
        run(ctx, Rules.all(), out);
    }

    public static void run(CheckContext ctx, List<Rule> rules, Diagnostics out) {
        for (Rule rule : rules) {
            // interrupted: the schema failed meanwhile, so nothing found here will be shown
            if (Thread.currentThread().isInterrupted()) return;
            RuleReporter reporter = new RuleReporter(rule.id(), ctx.sources());
            try {
                rule.check(ctx, reporter);
                out.addAll(reporter.found);
            } catch (RuntimeException | StackOverflowError e) {
                out.error(INTERNAL, ctx.sources().locate(Origin.ROOT),
                        "rule " + rule.id() + " failed: " + describe(e),
                        "this is a bug in Fleetform, not in your fleet; please report it with this file."
                                + " The other rules still ran");
            }
        }
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        StackTraceElement[] trace = e.getStackTrace();
        String where = trace.length == 0 ? "" : " at " + trace[0];
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message) + where;
    }

    /** Binds a rule's id and resolves origins through the source map. */
    private static final class RuleReporter implements Reporter {
        private final String ruleId;
        private final SourceMap sources;
        private final List<Diagnostic> found = new ArrayList<>();

        RuleReporter(String ruleId, SourceMap sources) {
            this.ruleId = ruleId;
            this.sources = sources;
        }

        @Override
        public void error(Origin at, String message, String hint) {
            found.add(Diagnostic.error(ruleId, sources.locate(at), message, hint));
        }

        @Override
        public void warning(Origin at, String message, String hint) {
            found.add(Diagnostic.warning(ruleId, sources.locate(at), message, hint));
        }

        @Override
        public void error(Location at, String message, String hint) {
            found.add(Diagnostic.error(ruleId, at, message, hint));
        }
    }
}
