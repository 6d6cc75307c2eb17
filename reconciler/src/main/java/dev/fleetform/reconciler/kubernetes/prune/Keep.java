package dev.fleetform.reconciler.kubernetes.prune;

/** Why an object that git no longer declares is left alone. */
public enum Keep {
    /** It carries the fleet's labels but Fleetform did not create it (copied labels): never touched. */
    NOT_IN_INVENTORY,
    /** An object of that name was deleted and made again (by someone else): not the one Fleetform created. */
    UID_DIFFERS,
    /** It no longer carries the fleet's ownership labels: someone took it over. */
    LABELS_REMOVED,
    /** Annotated {@code fleetform.dev/prune: disabled}. */
    PRUNE_DISABLED,
    /** A Namespace that objects git still declares live in: deleting it would delete them. */
    NAMESPACE_IN_USE
}
