package dev.fleetform.reconciler.host;

import dev.fleetform.changes.ResourceChange;
import dev.fleetform.changes.ResourceKind;
import dev.fleetform.reconciler.engine.Outcome;
import dev.fleetform.reconciler.host.ssh.SshFailure;

import java.util.List;

/**
 * Applies the changes of one area of a host (the baseline, storage, VMs, monitoring) in the SSH
 * session of one apply. {@link HostProvider} hands each applier the changes of its kinds, areas
 * in a fixed order (storage before the VMs that use it).
 */
public interface HostApplier {
    /** The kinds this applier takes, in the order it applies them. */
    List<ResourceKind> kinds();

    /**
     * Applies {@code changes} (all of this applier's kinds, in {@link #kinds} order) and adds one
     * outcome per change to {@code out}. A failure of one change is its outcome, not an exception.
     *
     * @throws SshFailure when the session itself fails: the changes without an outcome yet fail with it
     */
    void apply(RemoteHost host, List<ResourceChange> changes, List<Outcome> out) throws SshFailure;
}
