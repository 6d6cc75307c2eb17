package dev.fleetform.compiler;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fleetform.compiler.bind.Binder;
import dev.fleetform.compiler.check.CheckContext;
import dev.fleetform.compiler.check.Checker;
import dev.fleetform.compiler.diag.Diagnostics;
import dev.fleetform.compiler.diag.Origin;
import dev.fleetform.compiler.index.FleetIndex;
import dev.fleetform.compiler.load.SourceMap;
import dev.fleetform.compiler.model.Fleet;

/**
 * The bind and check stages, with their own findings: {@link Validator} runs them next to the
 * schema stage and keeps what they found only when the schema passes.
 *
 * @param fleet   the bound fleet, or null when binding failed
 * @param index   lookups over {@code fleet}, or null with it
 * @param found   what binding and the rules reported
 * @param reached {@link Stage#BIND} when binding failed, else {@link Stage#CHECK}
 */
record Semantics(Fleet fleet, FleetIndex index, Diagnostics found, Stage reached) {

    static Semantics of(JsonNode doc, SourceMap sources) {
        Diagnostics found = new Diagnostics();
        Fleet fleet;
        try {
            fleet = Binder.bind(doc, sources, found);
        } catch (RuntimeException e) {
            found.error(Checker.INTERNAL, sources.locate(Origin.ROOT), "binding the fleet failed: " + e,
                    "this is a bug in Fleetform, not in your fleet; please report it with this file");
            return new Semantics(null, null, found, Stage.BIND);
        }
        if (found.hasErrors()) return new Semantics(null, null, found, Stage.BIND);
        CheckContext ctx = CheckContext.of(fleet, doc, sources);
        Checker.run(ctx, found);
        return new Semantics(fleet, ctx.index(), found, Stage.CHECK);
    }
}
