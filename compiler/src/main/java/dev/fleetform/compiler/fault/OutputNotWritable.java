package dev.fleetform.compiler.fault;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.Locale;

/** An output (compile's DIR, a plan file) that cannot be written; what was there is left as it was. */
public final class OutputNotWritable extends FleetformException {
    private final Path path;

    public OutputNotWritable(Path path, IOException cause) {
        super("cannot write " + path + ": " + reason(cause),
                "check that " + path + " can be written (permissions, a read-only or full disk)", cause);
        this.path = path;
    }

    /** The output as the user named it. */
    public Path path() {
        return path;
    }

    /**
     * The cause in words. The JDK's file exceptions often carry only the path as their message
     * ({@code AccessDeniedException: /out/x}), so their class says what happened.
     */
    private static String reason(IOException e) {
        if (e instanceof FileSystemException f && f.getReason() == null) return words(f) + " (" + f.getFile() + ")";
        return e.getMessage() == null ? words(e) : e.getMessage();
    }

    /** {@code AccessDeniedException} -> "access denied". */
    private static String words(IOException e) {
        return e.getClass().getSimpleName().replace("Exception", "").replaceAll("(?<=[a-z])(?=[A-Z])", " ").toLowerCase(Locale.ROOT);
    }
}
