package dev.fleetform.reconciler.engine;

/** A target that could not be observed: the run reports it and goes on with the others. */
public record TargetError(Target target, String reason, String hint) {
    static TargetError of(TargetUnavailable e) {
        return new TargetError(e.target(), e.getMessage(), e.hint());
    }
}
