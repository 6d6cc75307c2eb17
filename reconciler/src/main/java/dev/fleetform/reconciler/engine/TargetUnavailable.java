package dev.fleetform.reconciler.engine;

/**
 * A target that cannot be read at all: a kubeconfig without the cluster's context, an API that
 * does not answer, a host that refuses the connection. The run reports it and goes on.
 */
public final class TargetUnavailable extends Exception {
    private final Target target;
    private final String hint;

    public TargetUnavailable(Target target, String reason, String hint, Throwable cause) {
        super(reason, cause);
        this.target = target;
        this.hint = hint;
    }

    public Target target() {
        return target;
    }

    /** What the user can do about it. */
    public String hint() {
        return hint;
    }
}
