package dev.fleetform.compiler.fault;

/**
 * Where the fleet comes from cannot be opened at all (not a git repository, a repository that
 * cannot be read). A single fleet file that cannot be read is a diagnostic instead
 * ({@code FILE-UNREADABLE}), located like any other problem in the fleet.
 */
public final class SourceUnreadable extends FleetformException {
    private final String source;

    public SourceUnreadable(String source, String message, String hint, Throwable cause) {
        super(message, hint, cause);
        this.source = source;
    }

    /** The path of the source, as the user gave it. */
    public String source() {
        return source;
    }
}
