package dev.fleetform.reconciler.kubernetes.prune;

import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.Map;
import java.util.Optional;

/** The checks on a live object that both the plan (on the LIST) and the delete (on a fresh GET) make. */
final class PruneRules {
    private PruneRules() {
    }

    /** Why {@code live}, recorded as {@code entry}, must be kept; empty when it may be deleted. */
    static Optional<Kept> check(HasMetadata live, InventoryEntry entry, String fleet) {
        String uid = live.getMetadata().getUid();
        if (!entry.uid().equals(uid)) {
            return Optional.of(new Kept(Keep.UID_DIFFERS, entry.describe() + " is not the object Fleetform created (uid " + uid
                    + ", the inventory has " + entry.uid() + "): it was deleted and made again; left alone"));
        }
        if (!FleetLabels.carries(live, fleet)) {
            return Optional.of(new Kept(Keep.LABELS_REMOVED, entry.describe() + " no longer carries the labels " + FleetLabels.MANAGED_BY + "="
                    + FleetLabels.MANAGED_BY_VALUE + " and " + FleetLabels.FLEET + "=" + fleet + ": left alone"));
        }
        if (pruneDisabled(live)) {
            return Optional.of(new Kept(Keep.PRUNE_DISABLED, entry.describe() + " is annotated " + PrunePlan.PRUNE_ANNOTATION + ": "
                    + PrunePlan.PRUNE_DISABLED + ": left alone"));
        }
        return Optional.empty();
    }

    static boolean pruneDisabled(HasMetadata o) {
        Map<String, String> a = o.getMetadata().getAnnotations();
        return a != null && PrunePlan.PRUNE_DISABLED.equals(a.get(PrunePlan.PRUNE_ANNOTATION));
    }

    record Kept(Keep why, String message) {
    }
}
