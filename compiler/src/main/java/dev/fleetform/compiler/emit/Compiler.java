package dev.fleetform.compiler.emit;

import dev.fleetform.compiler.check.FleetIndex;
import dev.fleetform.compiler.model.Fleet;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Runs the emitters over a valid fleet and adds {@code MANIFEST.sha256}: the whole output as
 * one sorted list of artefacts, so it can be written, diffed or hashed as a unit.
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
        List<Artefact> out = new ArrayList<>();
        Set<String> paths = new HashSet<>();
        for (Emitter e : emitters) {
            for (Artefact a : e.emit(fleet, index, ctx)) {
                requireSafePath(a.path());
                if (!paths.add(a.path())) {
                    throw new IllegalStateException("two artefacts at " + a.path() + " (emitter " + e.area() + ")");
                }
                out.add(a);
            }
        }
        out.sort(Comparator.comparing(Artefact::path));
        out.add(manifest(out));
        return List.copyOf(out);
    }

    /** {@code sha256sum -c} compatible: {@code <hex>  <path>} per line, sorted by path. */
    static Artefact manifest(List<Artefact> sorted) {
        StringBuilder sb = new StringBuilder();
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (Artefact a : sorted) {
            sb.append(HexFormat.of().formatHex(sha.digest(a.bytes()))).append("  ").append(a.path()).append('\n');
        }
        return new Artefact(MANIFEST, sb.toString().getBytes(StandardCharsets.UTF_8));
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
