package dev.fleetform.compiler.check;

import dev.fleetform.compiler.diag.Location;
import dev.fleetform.compiler.diag.Origin;

/** Short "file:line" references to another element, for messages like "first defined at fleet.yaml:12". */
public final class SourceLines {
    private SourceLines() {
    }

    public static String fileLine(CheckContext ctx, Origin origin) {
        Location at = ctx.sources().locate(origin);
        return at.file() + ":" + at.line();
    }
}
