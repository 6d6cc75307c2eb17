package dev.fleetform.compiler.emit;

import dev.fleetform.compiler.index.FleetIndex;
import dev.fleetform.compiler.model.Fleet;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs the emitters over a valid fleet and adds {@code MANIFEST.sha256}: the whole output as
 * one sorted list of artefacts, so it can be written, diffed or hashed as a unit.
 *
 * <p>Emitters are independent pure functions, so they run on the context's workers. The result does not depend on thread timing:
 * artefacts are sorted by path, and when emitters fail, the first failing one in emitter order
 * is the one whose exception is thrown, as when they ran one after the other.
 */
public final class Compiler {
    public static final String MANIFEST = "MANIFEST.sha256";

    private final List<Emitter> emitters;

    public Compiler(List<Emitter> emitters) {
        this.emitters = List.copyOf(emitters);
    }

    public static Compiler builtIn() {
        return new Compiler(Emitters.all());
    }

    /** The whole output: every emitter's artefacts sorted by path, then {@code MANIFEST.sha256}. */
    public List<Artefact> compile(Fleet fleet, FleetIndex index, EmitContext ctx) {
        List<Artefact> files = emit(fleet, index, ctx);
        List<Artefact> all = new ArrayList<>(files);
        all.add(manifest(files));
        return List.copyOf(all);
    }

    /**
     * Every emitter's artefacts sorted by path, without the manifest: {@link OutputDirectory}
     * hashes them as it writes, and reuses the previous manifest's digest of each file it reuses.
     */
    public List<Artefact> emit(Fleet fleet, FleetIndex index, EmitContext ctx) {
        List<Artefact> out = new ArrayList<>();
        Set<String> paths = new HashSet<>();
        emitAll(fleet, index, ctx, emitted -> {
            for (Artefact a : emitted.artefacts()) {
                requireSafePath(a.path());
                if (a.path().equals(MANIFEST) || !paths.add(a.path())) {
                    throw new IllegalStateException("two artefacts at " + a.path() + " (emitter " + emitted.area() + ")");
                }
                out.add(a);
            }
        });
        out.sort(Comparator.comparing(Artefact::path));
        return List.copyOf(out);
    }

    /** One emitter's artefacts. */
    private record Emitted(String area, List<Artefact> artefacts) {
    }

    /** Runs every emitter on the context's workers, handing their results to {@code sink} in emitter order. */
    private void emitAll(Fleet fleet, FleetIndex index, EmitContext ctx, Consumer<Emitted> sink) {
        for (Emitted e : ctx.workers().map(emitters, e -> emit(e, fleet, index, ctx))) sink.accept(e);
    }

    private static Emitted emit(Emitter e, Fleet fleet, FleetIndex index, EmitContext ctx) {
        return new Emitted(e.area(), e.emit(fleet, index, ctx));
    }

    /** The manifest of {@code sorted}, every file hashed here. */
    static Artefact manifest(List<Artefact> sorted) {
        String[] hex = new String[sorted.size()];
        for (int i = 0; i < hex.length; i++) hex[i] = Sha256.hex(sorted.get(i).bytes());
        return Manifest.of(sorted, hex);
    }

    /** Artefact paths are built from schema-checked names; refuse anything that could escape DIR. */
    static void requireSafePath(String path) {
        if (path.isEmpty() || path.startsWith("/") || path.contains("\\") || path.contains("//")) {
            throw new IllegalStateException("unsafe artefact path: " + path);
        }
        for (String seg : path.split("/")) {
            if (seg.equals("..") || seg.equals(".") || seg.isEmpty()) {
                throw new IllegalStateException("unsafe artefact path: " + path);
            }
        }
    }
}
