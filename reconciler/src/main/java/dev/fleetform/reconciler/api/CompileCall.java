package dev.fleetform.reconciler.api;

import dev.fleetform.compiler.Validation;
import dev.fleetform.compiler.emit.Artefact;
import dev.fleetform.compiler.emit.Compiler;
import dev.fleetform.compiler.emit.EmitContext;
import dev.fleetform.compiler.emit.OutputDirectory;
import dev.fleetform.compiler.fault.OutputException;
import dev.fleetform.compiler.emit.Templates;
import dev.fleetform.compiler.fault.OutputNotWritable;
import dev.fleetform.compiler.fault.SourceUnreadable;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Validates and compiles a fleet; single use. Without {@link #to(Path)} the files (and their
 * {@code MANIFEST.sha256}) are only returned, as the plan and the reconciler need them.
 */
public final class CompileCall {
    private final Fleetform fleet;
    private Path output;
    private Path templates;

    CompileCall(Fleetform fleet) {
        this.fleet = fleet;
    }

    /** Replaces {@code dir} with the output, as a whole and only once everything compiled. */
    public CompileCall to(Path dir) {
        this.output = dir;
        return this;
    }

    /** Templates that shadow the built-in ones by name (a fleet repo's {@code templates/}); null for none. */
    public CompileCall templates(Path dir) {
        this.templates = dir;
        return this;
    }

    /**
     * @throws SourceUnreadable  when the templates directory cannot be read
     * @throws OutputNotWritable when the output directory cannot be written; it is then left as it was
     */
    public CompileResult call() {
        Validation v = fleet.validate();
        if (!v.valid()) return new CompileResult(v, null, List.of(), null);
        EmitContext ctx = new EmitContext(templates(), fleet.workers());
        Compiler compiler = Compiler.builtIn();
        if (output == null) return new CompileResult(v, null, compiler.compile(v.fleet(), v.index(), ctx), null);
        // Written without the manifest: the output hashes what it writes and keeps the digests of what it reuses.
        List<Artefact> files = compiler.emit(v.fleet(), v.index(), ctx);
        try {
            OutputDirectory.Result written = new OutputDirectory(output, fleet.workers()).replaceWith(files);
            return new CompileResult(v, output, files, written);
        } catch (OutputException e) {
            throw new OutputNotWritable(output, e);
        }
    }

    private Templates templates() {
        try {
            return Templates.withOverrides(templates);
        } catch (UncheckedIOException e) {
            throw new SourceUnreadable(templates.toString(), "cannot read the templates in " + templates + ": "
                    + e.getCause().getMessage(), "check the --templates directory", e);
        }
    }
}
