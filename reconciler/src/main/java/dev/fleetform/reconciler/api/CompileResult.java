package dev.fleetform.reconciler.api;

import dev.fleetform.compiler.Validation;
import dev.fleetform.compiler.emit.Artefact;
import dev.fleetform.compiler.emit.OutputDirectory;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code compile().call()} did.
 *
 * @param validation the fleet's validation; when it is not valid nothing was compiled or written
 * @param output     the directory written, or null when nothing was (invalid, or no {@code to(dir)})
 * @param artefacts  every compiled file; without {@code to(dir)} {@code MANIFEST.sha256} comes last,
 *                   with it the output directory writes the manifest itself; empty when invalid
 * @param written    what writing the output did (files, how many were reused, foreign files
 *                   removed, leftovers not removed), or null when nothing was written
 */
public record CompileResult(Validation validation, Path output, List<Artefact> artefacts, OutputDirectory.Result written) {

    /** True when the fleet was valid and so compiled. */
    public boolean compiled() {
        return validation.valid();
    }

    /** How many files were hard-linked from the previous output instead of written. */
    public int reused() {
        return written == null ? 0 : written.reused();
    }
}
