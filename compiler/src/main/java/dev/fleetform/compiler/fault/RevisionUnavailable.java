package dev.fleetform.compiler.fault;

/**
 * A git revision a plan needs is not in the clone, or cannot be read.
 *
 * @see #revision()
 * @see #shallow()
 */
public final class RevisionUnavailable extends FleetformException {
    private final String revision;
    private final boolean shallow;

    public RevisionUnavailable(String revision, boolean shallow, String message, String hint, Throwable cause) {
        super(message, hint, cause);
        this.revision = revision;
        this.shallow = shallow;
    }

    /** The revision as asked for ({@code HEAD~1}, {@code origin/main}, a commit id). */
    public String revision() {
        return revision;
    }

    /** True when the clone is shallow, the usual reason a base is missing in CI. */
    public boolean shallow() {
        return shallow;
    }
}
