package dev.fleetform.reconciler.kubernetes.prune;

/** What became of one prune. */
public sealed interface PruneResult permits PruneResult.Deleted, PruneResult.AlreadyGone, PruneResult.Kept {
    InventoryEntry entry();

    /**
     * The inventory once this is known: a deleted or vanished object is forgotten, and so is one
     * made again by someone else (the object Fleetform created no longer exists). One kept for its
     * labels or its annotation stays recorded: it is still the one Fleetform created.
     */
    default Inventory applyTo(Inventory inventory) {
        return switch (this) {
            case Deleted d -> inventory.without(d.entry());
            case AlreadyGone g -> inventory.without(g.entry());
            case Kept k -> k.why() == Keep.UID_DIFFERS ? inventory.without(k.entry()) : inventory;
        };
    }

    /** The API server accepted the DELETE (with the uid as precondition). */
    record Deleted(InventoryEntry entry) implements PruneResult {
    }

    /** Nothing of that name exists any more, or it is already being deleted (a Namespace terminating, a finalizer pending). */
    record AlreadyGone(InventoryEntry entry) implements PruneResult {
    }

    /** The fresh GET (or the API server's precondition) says it must stay. */
    record Kept(InventoryEntry entry, Keep why, String reason) implements PruneResult {
    }
}
