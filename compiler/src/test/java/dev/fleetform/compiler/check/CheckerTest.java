package dev.fleetform.compiler.check;

import dev.fleetform.compiler.diag.Diagnostic;
import dev.fleetform.compiler.diag.Diagnostics;
import dev.fleetform.compiler.diag.Location;
import dev.fleetform.compiler.diag.Origin;
import dev.fleetform.compiler.diag.Severity;
import dev.fleetform.compiler.load.SourceMap;
import dev.fleetform.compiler.model.Fleet;
import dev.fleetform.compiler.model.Host;
import dev.fleetform.compiler.testing.Fleets;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckerTest {

    /** Locates pointer {@code /hosts/N} at line N+10 so the test sees the source map is used. */
    private static final SourceMap LINES = new SourceMap() {
        public Location locate(String pointer) {
            return new Location("fleet.yaml", pointer.startsWith("/hosts/") ? 10 + Integer.parseInt(pointer.substring(7)) : 1, 3);
        }

        public Location locateValue(String pointer) {
            return new Location("fleet.yaml", 99, 9);
        }
    };

    private static CheckContext context() {
        Fleet fleet = Fleets.fleet(Fleets.SAMPLE);
        return CheckContext.of(fleet, null, LINES);
    }

    private static Rule rule(String id, java.util.function.BiConsumer<CheckContext, Reporter> body) {
        return new Rule() {
            public String id() {
                return id;
            }

            public void check(CheckContext ctx, Reporter out) {
                body.accept(ctx, out);
            }
        };
    }

    private static final Rule PER_HOST = rule("PER-HOST", (ctx, out) -> {
        for (Host h : ctx.fleet().hosts()) out.error(h.origin(), "host " + h.name(), "fix " + h.name());
    });

    @Test
    void reportsCarryTheRuleIdAndTheLocationOfTheOrigin() {
        Diagnostics out = new Diagnostics();
        Checker.run(context(), List.of(PER_HOST, rule("WARN", (ctx, r) -> r.warning(new Origin("/hosts/1"), "w", null))), out);

        assertEquals(List.of(
                Diagnostic.error("PER-HOST", new Location("fleet.yaml", 10, 3), "host gpu-01", "fix gpu-01"),
                Diagnostic.error("PER-HOST", new Location("fleet.yaml", 11, 3), "host store-01", "fix store-01"),
                Diagnostic.warning("WARN", new Location("fleet.yaml", 11, 3), "w", null)), out.sorted());
    }

    @Test
    void anExactLocationIsKept() {
        Diagnostics out = new Diagnostics();
        Location inExpr = new Location("fleet.yaml", 40, 27);
        Checker.run(context(), List.of(rule("PROMQL", (ctx, r) -> r.error(inExpr, "bad", "h"))), out);
        assertEquals(List.of(Diagnostic.error("PROMQL", inExpr, "bad", "h")), out.sorted());
    }

    @Test
    void aThrowingRuleBecomesOneInternalDiagnosticAndTheOthersStillRun() {
        Rule broken = rule("BROKEN", (ctx, out) -> {
            out.error(new Origin("/hosts/0"), "reported before failing", null);
            throw new IllegalStateException("boom");
        });
        Diagnostics out = new Diagnostics();

        Checker.run(context(), List.of(broken, PER_HOST), out);

        List<Diagnostic> all = out.sorted();
        List<Diagnostic> internal = all.stream().filter(d -> d.ruleId().equals("INTERNAL")).toList();
        assertEquals(1, internal.size(), Fleets.render(all));
        Diagnostic d = internal.getFirst();
        assertEquals(Severity.ERROR, d.severity());
        assertTrue(d.message().startsWith("rule BROKEN failed: IllegalStateException: boom"), d.message());
        assertTrue(d.hint().contains("bug in Fleetform"), d.hint());
        assertEquals(0, all.stream().filter(x -> x.ruleId().equals("BROKEN")).count(),
                "a failed rule's partial reports are dropped");
        assertEquals(2, all.stream().filter(x -> x.ruleId().equals("PER-HOST")).count(), "the next rule still ran");
    }

    @Test
    void aStackOverflowInARuleIsContainedToo() {
        Rule deep = rule("DEEP", (ctx, out) -> recurse(1));
        Diagnostics out = new Diagnostics();
        Checker.run(context(), List.of(deep, PER_HOST), out);
        assertEquals(List.of("INTERNAL", "PER-HOST", "PER-HOST"), out.sorted().stream().map(Diagnostic::ruleId).toList());
    }

    private static int recurse(int n) {
        return recurse(n + 1) + 1;
    }
}
