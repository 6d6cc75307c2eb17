package dev.fleetform.reconciler.kubernetes.apiserver;

/** What the fixture's stand-in for the Deployment controller does after a Deployment is written. */
public enum Rollouts {
    /**
     * The rollout finishes at once: the controller writes status (observedGeneration, replicas,
     * conditions) in a status update of its own, right after the write, with a new resourceVersion.
     */
    COMPLETE,
    /** The controller never catches up: status stays at the generation it last observed. */
    STUCK
}
