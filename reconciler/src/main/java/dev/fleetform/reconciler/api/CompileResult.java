package dev.fleetform.reconciler.api;

import dev.fleetform.compiler.Validation;
import dev.fleetform.compiler.emit.Artefact;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code compile().call()} did.
 *
 * @param validation the fleet's validation; when it is not valid nothing was compiled or written
 * @param output     the directory written, or null when nothing was (invalid, or no {@code to(dir)})
 * @param artefacts  every compiled file, {@code MANIFEST.sha256} last; empty when invalid
 * @param reused     how many of them were hard-linked from the previous output instead of written
 */
public record CompileResult(Validation validation, Path output, List<Artefact> artefacts, int reused) {

    /** True when the fleet was valid and so compiled. */
    public boolean compiled() {
        return validation.valid();
    }

    /** How many files were written anew. */
    public int written() {
        return output == null ? 0 : artefacts.size() - reused;
    }
}
