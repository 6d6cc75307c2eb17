package dev.fleetform.compiler.fault;


import java.io.IOException;
import java.nio.file.Path;

/**
 * An output (compile's DIR, a plan file) that cannot be written; what was there is left as it was.
 * The message names the path the system refused and the system's reason
 * ({@code cannot write build/fleet/ansible/inventory.yml: No space left on device}).
 */
public final class OutputNotWritable extends FleetformException {
    private final Path path;

    public OutputNotWritable(Path path, IOException cause) {
        super(cause instanceof OutputException known ? known.getMessage() : "cannot write " + path + ": " + OutputException.reason(cause),
                "check that " + path + " can be written (permissions, a read-only or full disk)", cause);
        this.path = path;
    }

    /** The output as the user named it. */
    public Path path() {
        return path;
    }
}
