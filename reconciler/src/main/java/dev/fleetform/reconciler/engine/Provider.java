package dev.fleetform.reconciler.engine;

import dev.fleetform.changes.ResourceChange;
import dev.fleetform.changes.ResourceSet;

import java.util.List;

/**
 * One family of resources ({@code k8s}, {@code host}): what git declares, what is live, and how
 * to turn one into the other. The engine diffs {@link #desired} with {@link #observe} through the
 * shared {@link dev.fleetform.changes.Differ}, so drift and apply speak plan's address space.
 * Only {@link #apply} writes; {@link #budget} bounds how much of it is disruptive at once.
 */
public interface Provider {
    /** The family, the first segment of its addresses: {@code k8s}, {@code host}. */
    String family();

    /** The targets the fleet declares for this family, in a stable order. No I/O. */
    List<Target> targets();

    /** What git declares for a target, as {@code fleetform plan} would show it. No I/O. */
    ResourceSet desired(Target target);

    /**
     * The live state of a target, read only, in the same address space and with the same fields
     * as {@link #desired} (values normalised, defaults a server fills in left out).
     *
     * @throws TargetUnavailable when the target cannot be read at all (no context, unreachable, refused)
     */
    Observation observe(Target target) throws TargetUnavailable;

    /**
     * Makes the live state match for {@code changes}, all of them allowed by the policy, in the
     * order the family needs (e.g. Namespaces before what lives in them). One failing change never
     * stops the others.
     *
     * @return one outcome per change, in the order they were applied
     */
    List<Outcome> apply(Target target, Observation observed, List<ResourceChange> changes);

    /**
     * The budget a disruptive change counts against, or null when nothing but its own controller
     * bounds it (a Deployment's rollout strategy). The engine then hands {@link #apply} at most the
     * budget's {@code maxUnavailable} changes of the group at a time, so apply must return only
     * once what it changed is healthy again (or report the change failed): the next wave starts
     * on that word.
     */
    default Budget budget(Target target, ResourceChange change) {
        return null;
    }
}
