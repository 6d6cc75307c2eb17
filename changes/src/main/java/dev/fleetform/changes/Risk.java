package dev.fleetform.changes;

import java.util.Locale;

/**
 * How much a change can hurt, in increasing order. The reconciler applies {@code SAFE} and
 * {@code DISRUPTIVE} changes within budgets and {@code DESTRUCTIVE} ones only with an approval.
 */
public enum Risk {
    /** In place; nothing restarts (a sysctl, a label, a rule file). */
    SAFE,
    /** Something restarts or remounts (a VM reboot for a new vGPU profile, a rollout). */
    DISRUPTIVE,
    /** Data can be lost (RAID re-create, mkfs, deleting a VM disk, removing a host's storage). */
    DESTRUCTIVE;

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
