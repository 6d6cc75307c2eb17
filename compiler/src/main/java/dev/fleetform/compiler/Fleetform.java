package dev.fleetform.compiler;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fleetform.compiler.bind.Binder;
import dev.fleetform.compiler.check.CheckContext;
import dev.fleetform.compiler.check.Checker;
import dev.fleetform.compiler.diag.Diagnostics;
import dev.fleetform.compiler.load.FleetLoader;
import dev.fleetform.compiler.load.FleetSource;
import dev.fleetform.compiler.load.LoadedDocument;
import dev.fleetform.compiler.load.Origin;
import dev.fleetform.compiler.load.SourceMap;
import dev.fleetform.compiler.model.Fleet;
import dev.fleetform.compiler.schema.SchemaCheck;

import java.nio.file.Path;

/**
 * The library entry point: load -> schema -> bind -> check. Each stage runs only if the ones
 * before it found no error, since later stages assume what earlier ones guarantee (the binder
 * relies on the schema's types, the rules on bound references).
 */
public final class Fleetform {
    private Fleetform() {
    }

    /** Validates a fleet file on disk; messages name it as given. */
    public static Validation validate(Path fleetFile) {
        Diagnostics out = new Diagnostics();
        LoadedDocument loaded = FleetLoader.load(fleetFile, out);
        return afterLoad(loaded.document(), loaded.sources(), out);
    }

    /** Validates {@code path} (relative to the source's root) and its includes, e.g. at a git revision. */
    public static Validation validate(FleetSource source, String path) {
        Diagnostics out = new Diagnostics();
        LoadedDocument loaded = FleetLoader.load(source, path, out);
        return afterLoad(loaded.document(), loaded.sources(), out);
    }

    private static Validation afterLoad(JsonNode doc, SourceMap sources, Diagnostics out) {
        if (doc == null || out.hasErrors()) return done(null, doc, sources, out, Stage.LOAD);
        SchemaCheck.check(doc, sources, out);
        if (out.hasErrors()) return done(null, doc, sources, out, Stage.SCHEMA);
        Fleet fleet;
        try {
            fleet = Binder.bind(doc, sources, out);
        } catch (RuntimeException e) {
            out.error(Checker.INTERNAL, sources.locate(Origin.ROOT), "binding the fleet failed: " + e,
                    "this is a bug in Fleetform, not in your fleet; please report it with this file");
            return done(null, doc, sources, out, Stage.BIND);
        }
        if (out.hasErrors()) return done(null, doc, sources, out, Stage.BIND);
        CheckContext ctx = CheckContext.of(fleet, doc, sources);
        Checker.run(ctx, out);
        return new Validation(fleet, ctx.index(), doc, sources, out.sorted(), Stage.CHECK);
    }

    private static Validation done(Fleet fleet, JsonNode doc, SourceMap sources, Diagnostics out, Stage reached) {
        return new Validation(fleet, null, doc, sources, out.sorted(), reached);
    }
}
