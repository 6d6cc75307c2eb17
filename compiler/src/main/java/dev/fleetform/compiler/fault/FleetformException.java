package dev.fleetform.compiler.fault;

/**
 * An operational failure: something in the user's environment that stops a command (a revision
 * not fetched, a repository that cannot be opened, an output that cannot be written). Never a
 * problem in the fleet itself, which is a diagnostic, and never a bug. Each kind carries what a
 * caller needs to report or retry it; {@link #hint()} says what to do about it.
 */
public abstract sealed class FleetformException extends RuntimeException
        permits RevisionUnavailable, SourceUnreadable, OutputNotWritable {
    private final String hint;

    FleetformException(String message, String hint, Throwable cause) {
        super(message, cause);
        this.hint = hint;
    }

    /** What the user can do, e.g. the {@code git fetch} to run. */
    public String hint() {
        return hint;
    }
}
