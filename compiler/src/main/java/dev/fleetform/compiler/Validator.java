package dev.fleetform.compiler;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fleetform.compiler.diag.Diagnostics;
import dev.fleetform.compiler.load.FleetLoader;
import dev.fleetform.compiler.load.FleetSource;
import dev.fleetform.compiler.load.LoadedDocument;
import dev.fleetform.compiler.load.SourceMap;
import dev.fleetform.compiler.model.Fleet;
import dev.fleetform.compiler.schemacheck.SchemaCheck;
import dev.fleetform.compiler.work.Workers;
import dev.fleetform.schema.FleetSchema;

import java.nio.file.Path;

/**
 * Validation: load -> schema -> bind -> check. A stage's findings count only if the stages before
 * it found no error, since later stages assume what earlier ones guarantee (the binder relies on
 * the schema's types, the rules on bound references).
 */
public final class Validator {
    private final Workers workers;

    /** Validates with {@code workers} (bind and check beside the schema stage); the caller closes them. */
    public Validator(Workers workers) {
        this.workers = workers;
    }

    /** Validates a fleet file on disk on the calling thread; messages name it as given. */
    public static Validation validate(Path fleetFile) {
        return new Validator(Workers.callerOnly()).validateFile(fleetFile);
    }

    /** Validates {@code path} (relative to the source's root) on the calling thread. */
    public static Validation validate(FleetSource source, String path) {
        return new Validator(Workers.callerOnly()).validateIn(source, path);
    }

    /** Validates a fleet file on disk; messages name it as given. */
    public Validation validateFile(Path fleetFile) {
        Workers.Task<?> schema = prepareSchema();
        Diagnostics out = new Diagnostics();
        LoadedDocument loaded = FleetLoader.load(fleetFile, out);
        return afterLoad(schema, loaded.document(), loaded.sources(), out);
    }

    /** Validates {@code path} (relative to the source's root) and its includes, e.g. at a git revision. */
    public Validation validateIn(FleetSource source, String path) {
        Workers.Task<?> schema = prepareSchema();
        Diagnostics out = new Diagnostics();
        LoadedDocument loaded = FleetLoader.load(source, path, out);
        return afterLoad(schema, loaded.document(), loaded.sources(), out);
    }

    /**
     * Loads the JSON Schema (once per JVM, ~0.2 s) beside this thread while it reads the fleet:
     * loading uses one core, and the schema is needed right after.
     */
    private Workers.Task<?> prepareSchema() {
        return workers.fork(FleetSchema::get);
    }

    /**
     * Schema, bind and check. The schema walk and bind + check only read the loaded tree, so bind +
     * check run beside the schema check on this thread (on a two-core CI runner this halves the
     * time after loading). What they found is kept only when the schema passes, since they rely on
     * what it guarantees (the binder on the schema's types); when it fails, they are interrupted
     * and stop at the next rule.
     */
    private Validation afterLoad(Workers.Task<?> schema, JsonNode doc, SourceMap sources, Diagnostics out) {
        if (doc == null || out.hasErrors()) return done(null, doc, sources, out, Stage.LOAD);
        Workers.Task<Semantics> semantics = workers.fork(() -> Semantics.of(doc, sources));
        schema.join();
        SchemaCheck.check(doc, sources, out);
        if (out.hasErrors()) {
            semantics.cancel();
            return done(null, doc, sources, out, Stage.SCHEMA);
        }
        Semantics s = semantics.join();
        out.addAll(s.found());
        return s.fleet() == null ? done(null, doc, sources, out, s.reached())
                : new Validation(s.fleet(), s.index(), doc, sources, out.sorted(), s.reached());
    }

    private static Validation done(Fleet fleet, JsonNode doc, SourceMap sources, Diagnostics out, Stage reached) {
        return new Validation(fleet, null, doc, sources, out.sorted(), reached);
    }
}
