package dev.fleetform.compiler.fault;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * An output that could not be written (or an earlier one removed) because of the user's
 * environment: a full disk, a read-only or immutable directory, a path under a regular file. It
 * names the path the system refused and the system's reason, e.g. "cannot write
 * build/fleet/ansible/inventory.yml: No space left on device". Not a bug: the library raises it as
 * {@link OutputNotWritable}, which the CLI prints and exits 73 for.
 */
public final class OutputException extends IOException {
    private final Path path;
    private final String reason;

    public OutputException(String doing, Path path, String reason, Throwable cause) {
        super(doing + " " + path + ": " + reason, cause);
        this.path = path;
        this.reason = reason;
    }

    /** {@code cause}, which happened while working on {@code path}, with the system's words for it. */
    public static OutputException of(String doing, Path path, IOException cause) {
        return new OutputException(doing, path, reason(cause), cause);
    }

    public Path path() {
        return path;
    }

    public String reason() {
        return reason;
    }

    /**
     * The system's words for a failure. The JDK turns some error numbers into exception types and
     * drops their text (EACCES, ENOENT, EEXIST); these get the words {@code strerror} gives.
     */
    public static String reason(IOException e) {
        if (e instanceof FileSystemException fs && fs.getReason() != null) return fs.getReason();
        return switch (e) {
            case AccessDeniedException x -> "Permission denied";
            case NoSuchFileException x -> "No such file or directory";
            case FileAlreadyExistsException x -> "File exists";
            case DirectoryNotEmptyException x -> "Directory not empty";
            case NotDirectoryException x -> "Not a directory";
            case FileSystemException x -> x.getClass().getSimpleName();
            default -> e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        };
    }
}
