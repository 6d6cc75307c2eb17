package dev.fleetform.compiler.check.naming;

import dev.fleetform.compiler.check.CheckContext;
import dev.fleetform.compiler.check.Reporter;
import dev.fleetform.compiler.check.SourceLines;
import dev.fleetform.compiler.diag.Origin;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One scope in which names must be unique. The first element to claim a name keeps it; every
 * later one is reported at its own place, naming where the first is.
 */
final class NameScope {
    private record Claim(String kind, Origin origin) {
    }

    private final Supplier<String> hint;
    private final Map<String, Claim> claims = new HashMap<>();

    /** @param hint what the user should do, including why these share a scope; built only on a report */
    NameScope(Supplier<String> hint) {
        this.hint = hint;
    }

    void claim(String kind, String name, Origin origin, CheckContext ctx, Reporter out) {
        if (name == null) return;
        Claim first = claims.putIfAbsent(name, new Claim(kind, origin));
        if (first == null) return;
        String article = first.kind().startsWith("a") ? "an " : "a ";
        out.error(origin, kind + " name '" + name + "' is already used by " + article + first.kind()
                + " at " + SourceLines.fileLine(ctx, first.origin()), hint.get());
    }
}
