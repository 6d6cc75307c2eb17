package dev.fleetform.reconciler.kubernetes.prune;

/**
 * The inventory cannot be used as it is: nothing is pruned on its strength. The message names the
 * ConfigMap and the cause; {@link #hint()} what the user can do.
 */
public sealed class InventoryException extends RuntimeException permits InventoryException.Conflict, InventoryException.Unreadable {
    private final String fleet;
    private final String hint;

    InventoryException(String fleet, String message, String hint) {
        super(message);
        this.fleet = fleet;
        this.hint = hint;
    }

    public String fleet() {
        return fleet;
    }

    public String hint() {
        return hint;
    }

    /** Another writer changed (or created, or deleted) the inventory since it was read: read it again and redo the change. */
    public static final class Conflict extends InventoryException {
        Conflict(String fleet, String message) {
            super(fleet, message, "another Fleetform run is writing the same fleet's inventory; it is read again and the change redone");
        }
    }

    /** The ConfigMap exists but its {@code inventory.json} cannot be read. */
    public static final class Unreadable extends InventoryException {
        Unreadable(String fleet, String message) {
            super(fleet, message, "fix or delete the ConfigMap (deleting it makes Fleetform forget what it created: "
                    + "nothing is pruned until it records objects again)");
        }
    }
}
