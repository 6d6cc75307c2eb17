package dev.fleetform.compiler.load;

/** A file that a {@link FleetSource} cannot give, and why; the loader turns it into a diagnostic. */
public final class FleetSourceException extends Exception {

    /** Why a path could not be read; each maps to its own rule id. */
    public enum Problem {
        /** Nothing at that path. */
        MISSING,
        /** A directory where a file was expected. */
        DIRECTORY,
        /** A device, socket, fifo... */
        NOT_REGULAR,
        /** Resolves (through a symbolic link) outside the source's root. */
        OUTSIDE_ROOT,
        /** Larger than the reader allows; the detail says how large. */
        TOO_LARGE,
        /** Exists but could not be read (permissions, I/O error, git object missing). */
        UNREADABLE
    }

    private final Problem problem;
    private final String path;

    public FleetSourceException(Problem problem, String path, String detail) {
        super(detail);
        this.problem = problem;
        this.path = path;
    }

    /*
     * What only git and the disk could disagree on gets one wording, used by both sources, so that
     * validate (the disk) and plan (git) give the same verdict on the same repository.
     */

    public static FleetSourceException symbolicLink(String path) {
        return new FleetSourceException(Problem.NOT_REGULAR, path,
                "is a symbolic link; fleet files must be regular files (git stores the link, not the file, and plan reads git)");
    }

    public static FleetSourceException underSymbolicLink(String path, String link) {
        return new FleetSourceException(Problem.NOT_REGULAR, path,
                "is under the symbolic link '" + link + "'; fleet files must be regular files in real directories");
    }

    public static FleetSourceException submodule(String path) {
        return new FleetSourceException(Problem.NOT_REGULAR, path, "is a git submodule, not a fleet file");
    }

    public static FleetSourceException insideSubmodule(String path, String submodule) {
        return new FleetSourceException(Problem.NOT_REGULAR, path,
                "is inside the git submodule '" + submodule + "'; fleet files must be in the fleet repository itself");
    }

    public Problem problem() {
        return problem;
    }

    /** The path as the loader asked for it (relative to the source's root). */
    public String path() {
        return path;
    }
}
