package dev.fleetform.reconciler.loop;

/** The repository could not be fetched or the cache read: the run reconciles nothing and says why. */
public final class GitFailure extends Exception {
    private final String hint;

    public GitFailure(String message, String hint) {
        super(message);
        this.hint = hint;
    }

    public String hint() {
        return hint;
    }
}
