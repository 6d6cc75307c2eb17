package dev.fleetform.compiler.emit;

import dev.fleetform.compiler.index.FleetIndex;
import dev.fleetform.compiler.model.Fleet;

import java.nio.charset.StandardCharsets;
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
 * <p>Emitters are independent pure functions, so they run on the context's workers, each hashing
 * its own artefacts for the manifest as it finishes. The result does not depend on thread timing:
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

    public List<Artefact> compile(Fleet fleet, FleetIndex index, EmitContext ctx) {
        List<Hashed> out = new ArrayList<>();
        Set<String> paths = new HashSet<>();
        emitAll(fleet, index, ctx, emitted -> {
            for (Hashed h : emitted.artefacts()) {
                requireSafePath(h.artefact().path());
                if (!paths.add(h.artefact().path())) {
                    throw new IllegalStateException("two artefacts at " + h.artefact().path() + " (emitter " + emitted.area() + ")");
                }
                out.add(h);
            }
        });
        out.sort(Comparator.comparing(h -> h.artefact().path()));
        List<Artefact> artefacts = new ArrayList<>(out.size() + 1);
        for (Hashed h : out) artefacts.add(h.artefact());
        artefacts.add(manifestOf(out));
        return List.copyOf(artefacts);
    }

    /** An artefact with the hex SHA-256 of its bytes. */
    private record Hashed(Artefact artefact, String sha256) {
    }

    /** One emitter's artefacts, hashed. */
    private record Emitted(String area, List<Hashed> artefacts) {
    }

    /** Runs every emitter on the context's workers, handing their results to {@code sink} in emitter order. */
    private void emitAll(Fleet fleet, FleetIndex index, EmitContext ctx, Consumer<Emitted> sink) {
        for (Emitted e : ctx.workers().map(emitters, e -> emit(e, fleet, index, ctx))) sink.accept(e);
    }

    private static Emitted emit(Emitter e, Fleet fleet, FleetIndex index, EmitContext ctx) {
        List<Artefact> artefacts = e.emit(fleet, index, ctx);
        List<Hashed> hashed = new ArrayList<>(artefacts.size());
        Sha256 sha = Sha256.forThisThread();
        for (Artefact a : artefacts) hashed.add(hashed(a, sha));
        return new Emitted(e.area(), hashed);
    }

    /** {@code sha256sum -c} compatible: {@code <hex>  <path>} per line, sorted by path. */
    static Artefact manifest(List<Artefact> sorted) {
        Sha256 sha = Sha256.forThisThread();
        return manifestOf(sorted.stream().map(a -> hashed(a, sha)).toList());
    }

    private static Artefact manifestOf(List<Hashed> sorted) {
        StringBuilder sb = new StringBuilder();
        for (Hashed h : sorted) sb.append(h.sha256()).append("  ").append(h.artefact().path()).append('\n');
        return new Artefact(MANIFEST, sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static Hashed hashed(Artefact a, Sha256 sha) {
        return new Hashed(a, sha.hex(a.bytes()));
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
