package dev.fleetform.reconciler.kubernetes.prune;

import dev.fleetform.changes.Address;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which of a fleet's live objects in one cluster may be pruned (deleted because git no longer
 * declares them), which are left alone and why, and the mass-prune guard's verdict. Pure: the
 * provider lists, this decides, {@link Pruner} deletes (after a fresh GET).
 *
 * <p>An object is pruned only if it carries the fleet's labels, git does not declare it, it is in
 * the {@link Inventory} with the same uid, and it is not annotated {@value #PRUNE_ANNOTATION}:
 * {@value #PRUNE_DISABLED}. Deleting what holds data (a Namespace, a PersistentVolumeClaim, a
 * StatefulSet that deletes its claims) is marked {@link Prune#destructive()}: the engine asks for
 * an approval of that address.
 *
 * @param prunes      the deletions, by address; all of them or none go ahead, as {@link #guard} says
 * @param skipped     undeclared objects with the fleet's labels that stay, by address
 * @param unlisted    inventoried, undeclared, and not among the live objects listed: already gone,
 *                    being deleted, or its labels were removed (a fresh GET in {@link Pruner#delete}
 *                    tells which, and {@link PruneResult#applyTo} forgets what is gone)
 * @param inventoried how many objects the inventory holds for the cluster
 */
public record PrunePlan(String cluster, String fleet, List<Prune> prunes, List<Skip> skipped, List<InventoryEntry> unlisted,
                        int inventoried, Guard guard) {
    public static final String PRUNE_ANNOTATION = "fleetform.dev/prune";
    public static final String PRUNE_DISABLED = "disabled";
    /** A run may delete at most this share of the inventory without {@value #CONFIRM_FLAG}. */
    public static final int MAX_PERCENT = 30;
    public static final String CONFIRM_FLAG = "--confirm-prune";

    /** A deletion: the provider turns it into a DELETE change of {@code address}. */
    public record Prune(Address.Kube address, InventoryEntry entry, boolean destructive, String reason) {
    }

    /** An object left alone, with the reason in words; {@code entry} is its inventory entry (null when it has none). */
    public record Skip(Address.Kube address, Keep why, String reason, InventoryEntry entry) {
    }

    public PrunePlan {
        prunes = List.copyOf(prunes);
        skipped = List.copyOf(skipped);
        unlisted = List.copyOf(unlisted);
    }

    /**
     * Decides.
     *
     * @param cluster      the cluster's name in fleet.yaml (the second part of its addresses)
     * @param desired      what git declares; addresses of other clusters are ignored
     * @param liveOwned    the live objects listed by the fleet's labels; filtered again here, since a
     *                     server may return more (the mock drops set-based selectors)
     * @param confirmPrune the count given with {@value #CONFIRM_FLAG}, 0 when not given
     */
    public static PrunePlan of(String cluster, String fleet, Inventory inventory, Set<Address.Kube> desired,
                               List<? extends HasMetadata> liveOwned, int confirmPrune) {
        Objects.requireNonNull(cluster);
        Objects.requireNonNull(fleet);
        Set<String> declared = new HashSet<>();
        Set<String> declaredNamespaces = new HashSet<>();
        for (Address.Kube a : desired) {
            if (!a.cluster().equals(cluster)) continue;
            declared.add(InventoryEntry.key(a));
            if (a.namespace() != null) declaredNamespaces.add(a.namespace());
        }
        Map<String, HasMetadata> live = new LinkedHashMap<>();
        for (HasMetadata o : liveOwned) {
            if (o.getMetadata() == null || !FleetLabels.carries(o, fleet)) continue;
            if (o.getMetadata().getDeletionTimestamp() != null) continue; // already going: nothing to decide
            live.putIfAbsent(InventoryEntry.key(o), o);
        }

        List<Prune> prunes = new ArrayList<>();
        List<Skip> skipped = new ArrayList<>();
        for (Map.Entry<String, HasMetadata> e : live.entrySet()) {
            if (declared.contains(e.getKey())) continue;
            HasMetadata o = e.getValue();
            Address.Kube address = addressOf(cluster, o);
            Optional<InventoryEntry> recorded = inventory.find(e.getKey());
            if (recorded.isEmpty()) {
                skipped.add(new Skip(address, Keep.NOT_IN_INVENTORY, describe(o) + " carries the fleet's labels but is not in its inventory "
                        + "(Fleetform did not create it; copied labels?): never touched", null));
                continue;
            }
            Optional<PruneRules.Kept> kept = PruneRules.check(o, recorded.get(), fleet);
            if (kept.isPresent()) {
                skipped.add(new Skip(address, kept.get().why(), kept.get().message(), recorded.get()));
                continue;
            }
            if (o.getKind().equals("Namespace") && declaredNamespaces.contains(o.getMetadata().getName())) {
                skipped.add(new Skip(address, Keep.NAMESPACE_IN_USE, describe(o) + " is no longer declared, but objects git declares live in it: kept",
                        recorded.get()));
                continue;
            }
            String holds = holdsData(o);
            prunes.add(holds == null
                    ? new Prune(address, recorded.get(), false, describe(o) + " is no longer declared in git: deleted")
                    : new Prune(address, recorded.get(), true, describe(o) + " is no longer declared in git; " + holds + ": needs an approval"));
        }
        List<InventoryEntry> unlisted = new ArrayList<>();
        for (InventoryEntry e : inventory.entries()) {
            if (!declared.contains(e.key()) && !live.containsKey(e.key())) unlisted.add(e);
        }
        prunes.sort(Comparator.comparing(Prune::address));
        skipped.sort(Comparator.comparing(Skip::address));
        Guard guard = guard(cluster, prunes.size(), inventory.size(), declared.isEmpty(), confirmPrune);
        return new PrunePlan(cluster, fleet, prunes, skipped, unlisted, inventory.size(), guard);
    }

    /**
     * Inventory entries whose object no longer exists: another object of that name is live (another
     * uid). The provider may forget them ({@code inventory.without(plan.stale())}); the object that
     * is live is not Fleetform's and stays.
     */
    public List<InventoryEntry> stale() {
        return skipped.stream().filter(s -> s.why() == Keep.UID_DIFFERS).map(Skip::entry).toList();
    }

    /** The deletions to make now: all of {@link #prunes} if the guard allows, else none. */
    public List<Prune> allowed() {
        return guard.allows() ? prunes : List.of();
    }

    static Guard guard(String cluster, int deletions, int inventoried, boolean declaresNothing, int confirmPrune) {
        if (deletions == 0) return Guard.OK;
        boolean tooMany = deletions * 100L > (long) MAX_PERCENT * inventoried;
        if (!declaresNothing && !tooMany) return Guard.OK;
        if (confirmPrune == deletions) return Guard.OK;
        String why = declaresNothing
                ? "the fleet declares nothing for cluster " + cluster + " but " + inventoried + " objects are inventoried: this run would delete "
                        + deletions + " of them; nothing deleted. Check that this is the fleet you mean (the right file, no cluster left out), "
                        + "then run again with " + CONFIRM_FLAG + " " + deletions
                : "would delete " + deletions + " of " + inventoried + " inventoried objects in cluster " + cluster + " (" + percent(deletions, inventoried)
                        + " % > " + MAX_PERCENT + " %); nothing deleted. Check the fleet, then run again with " + CONFIRM_FLAG + " " + deletions;
        if (confirmPrune > 0) why = CONFIRM_FLAG + " " + confirmPrune + " is not this run's count: " + why;
        return new Guard.Blocked(deletions, why);
    }

    /** {@code 40}, {@code 33.3}: a whole number when it is one. */
    static String percent(int part, int whole) {
        BigDecimal p = BigDecimal.valueOf(part * 100L).divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP);
        return p.stripTrailingZeros().scale() <= 0 ? p.setScale(0, RoundingMode.UNNECESSARY).toPlainString() : p.toPlainString();
    }

    /** What deleting {@code o} takes with it that holds data, or null. */
    static String holdsData(HasMetadata o) {
        return switch (o.getKind()) {
            case "Namespace" -> "deleting a Namespace deletes everything in it, PersistentVolumeClaims and their data among them";
            case "PersistentVolumeClaim" -> "deleting a PersistentVolumeClaim can delete its volume's data";
            default -> o instanceof StatefulSet s && s.getSpec() != null && s.getSpec().getVolumeClaimTemplates() != null
                    && !s.getSpec().getVolumeClaimTemplates().isEmpty() && s.getSpec().getPersistentVolumeClaimRetentionPolicy() != null
                    && "Delete".equals(s.getSpec().getPersistentVolumeClaimRetentionPolicy().getWhenDeleted())
                    ? "this StatefulSet deletes its PersistentVolumeClaims with it (whenDeleted: Delete)" : null;
        };
    }

    static Address.Kube addressOf(String cluster, HasMetadata o) {
        String ns = o.getMetadata().getNamespace();
        return new Address.Kube(cluster, o.getApiVersion(), o.getKind(), ns == null || ns.isEmpty() ? null : ns, o.getMetadata().getName());
    }

    private static String describe(HasMetadata o) {
        String ns = o.getMetadata().getNamespace();
        return o.getKind() + " " + (ns == null || ns.isEmpty() ? o.getMetadata().getName() : ns + "/" + o.getMetadata().getName());
    }
}
