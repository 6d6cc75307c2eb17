package dev.fleetform.compiler;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fleetform.compiler.diag.Diagnostics;
import dev.fleetform.compiler.load.FleetLoader;
import dev.fleetform.compiler.load.FleetSource;
import dev.fleetform.compiler.load.LoadedDocument;
import dev.fleetform.compiler.load.SourceMap;
import dev.fleetform.compiler.model.Fleet;
import dev.fleetform.compiler.schemacheck.SchemaCheck;
import dev.fleetform.schema.FleetSchema;

import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The library entry point: load -> schema -> bind -> check. A stage's findings count only if the
 * stages before it found no error, since later stages assume what earlier ones guarantee (the
 * binder relies on the schema's types, the rules on bound references).
 */
public final class Validator {
    private static final AtomicBoolean SCHEMA_REQUESTED = new AtomicBoolean();

    private Validator() {
    }

    /** Validates a fleet file on disk; messages name it as given. */
    public static Validation validate(Path fleetFile) {
        prepareSchema();
        Diagnostics out = new Diagnostics();
        LoadedDocument loaded = FleetLoader.load(fleetFile, out);
        return afterLoad(loaded.document(), loaded.sources(), out);
    }

    /** Validates {@code path} (relative to the source's root) and its includes, e.g. at a git revision. */
    public static Validation validate(FleetSource source, String path) {
        prepareSchema();
        Diagnostics out = new Diagnostics();
        LoadedDocument loaded = FleetLoader.load(source, path, out);
        return afterLoad(loaded.document(), loaded.sources(), out);
    }

    /**
     * Loads the JSON Schema (once per JVM, ~0.2 s) on a second thread while this one reads the
     * fleet: loading uses one core, and the schema is needed right after.
     */
    private static void prepareSchema() {
        if (SCHEMA_REQUESTED.compareAndSet(false, true)) {
            Thread.ofPlatform().daemon().name("fleetform-schema-load").start(FleetSchema::get);
        }
    }

    /**
     * Schema, bind and check. The schema walk and bind + check only read the loaded tree, so bind +
     * check run on a second thread while the schema is checked on this one (on a two-core CI
     * runner this halves the time after loading). What they found is kept only when the schema
     * passes, since they rely on what it guarantees (the binder on the schema's types); when it
     * fails, their thread is interrupted and stops at the next rule.
     */
    private static Validation afterLoad(JsonNode doc, SourceMap sources, Diagnostics out) {
        if (doc == null || out.hasErrors()) return done(null, doc, sources, out, Stage.LOAD);
        FutureTask<Semantics> semantics = new FutureTask<>(() -> Semantics.of(doc, sources));
        Thread worker = Thread.ofPlatform().daemon().name("fleetform-bind-check").start(semantics);
        SchemaCheck.check(doc, sources, out);
        if (out.hasErrors()) {
            worker.interrupt();
            return done(null, doc, sources, out, Stage.SCHEMA);
        }
        Semantics s = join(semantics);
        out.addAll(s.found());
        return s.fleet() == null ? done(null, doc, sources, out, s.reached())
                : new Validation(s.fleet(), s.index(), doc, sources, out.sorted(), s.reached());
    }

    private static Semantics join(FutureTask<Semantics> task) {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while checking the fleet");
        } catch (ExecutionException e) {
            // Semantics.of turns failures of the binder and of each rule into diagnostics; anything
            // else is rethrown as it would have been on this thread
            switch (e.getCause()) {
                case RuntimeException r -> throw r;
                case Error error -> throw error;
                default -> throw new IllegalStateException(e.getCause());
            }
        }
    }

    private static Validation done(Fleet fleet, JsonNode doc, SourceMap sources, Diagnostics out, Stage reached) {
        return new Validation(fleet, null, doc, sources, out.sorted(), reached);
    }
}
