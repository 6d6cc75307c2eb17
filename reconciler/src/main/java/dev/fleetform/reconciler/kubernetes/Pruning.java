package dev.fleetform.reconciler.kubernetes;

import dev.fleetform.changes.Address;
import dev.fleetform.changes.ResourceChange;
import dev.fleetform.reconciler.engine.Outcome;
import dev.fleetform.reconciler.kubernetes.prune.Guard;
import dev.fleetform.reconciler.kubernetes.prune.Inventory;
import dev.fleetform.reconciler.kubernetes.prune.InventoryEntry;
import dev.fleetform.reconciler.kubernetes.prune.InventoryException;
import dev.fleetform.reconciler.kubernetes.prune.InventoryStore;
import dev.fleetform.reconciler.kubernetes.prune.PruneResult;
import dev.fleetform.reconciler.kubernetes.prune.PrunePlan;
import dev.fleetform.reconciler.kubernetes.prune.Pruner;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * One cluster's prune decision, made from its inventory when it was read: which undeclared
 * objects may go (the prune package's rules and mass-prune guard), and after apply, the
 * inventory kept in step with what was created and deleted.
 */
final class Pruning {
    private final String fleet;
    private final PrunePlan plan; // null: the inventory cannot be read, nothing is pruned
    private final Map<Address, PrunePlan.Prune> prunes = new HashMap<>();

    private Pruning(String fleet, PrunePlan plan) {
        this.fleet = fleet;
        this.plan = plan;
        if (plan != null) for (PrunePlan.Prune p : plan.prunes()) prunes.put(p.address(), p);
    }

    /** @throws KubernetesClientException when the inventory cannot be read from the API */
    static Pruning decide(String cluster, String fleet, KubernetesClient client, Set<Address> declared, List<HasMetadata> owned,
                          int confirmPrune, List<String> warnings) {
        Inventory inventory;
        try {
            inventory = InventoryStore.read(client, fleet);
        } catch (InventoryException e) {
            warnings.add("nothing is pruned in cluster " + cluster + ": " + e.getMessage());
            return new Pruning(fleet, null);
        }
        Set<Address.Kube> desired = new HashSet<>();
        for (Address a : declared) if (a instanceof Address.Kube k && !k.kind().equals("Node")) desired.add(k);
        PrunePlan plan = PrunePlan.of(cluster, fleet, inventory, desired, owned, confirmPrune);
        for (PrunePlan.Skip s : plan.skipped()) warnings.add(s.reason());
        if (plan.guard() instanceof Guard.Blocked b) warnings.add(b.reason());
        return new Pruning(fleet, plan);
    }

    boolean prunes(Address address) {
        return prunes.containsKey(address);
    }

    /** Each delete, through the guard and a fresh check of the object; one outcome each. */
    List<Outcome> delete(KubernetesClient client, List<ResourceChange> deletes, List<PruneResult> results) {
        List<Outcome> out = new ArrayList<>();
        Pruner pruner = new Pruner(fleet);
        for (ResourceChange ch : deletes) {
            PrunePlan.Prune p = prunes.get(ch.address());
            if (p == null) {
                out.add(new Outcome.Refused(ch, "not in the inventory of what Fleetform created: never pruned"));
            } else if (plan.guard() instanceof Guard.Blocked b) {
                out.add(new Outcome.Blocked(ch, b.reason()));
            } else {
                try {
                    PruneResult r = pruner.delete(client, p.entry());
                    results.add(r);
                    out.add(r instanceof PruneResult.Kept k ? new Outcome.Refused(ch, k.reason()) : new Outcome.Applied(ch));
                } catch (KubernetesClientException e) {
                    out.add(new Outcome.Failed(ch, "cannot prune it: " + Requests.describe(e)));
                }
            }
        }
        return out;
    }

    /** Records what this run created and forgets what it pruned (and what someone else made again); no write when nothing changed. */
    void record(KubernetesClient client, List<HasMetadata> created, List<PruneResult> results) {
        if (plan == null || created.isEmpty() && results.isEmpty() && plan.stale().isEmpty()) return;
        UnaryOperator<Inventory> change = inv -> {
            Inventory next = inv.without(plan.stale());
            for (HasMetadata o : created) next = next.with(InventoryEntry.of(o));
            for (PruneResult r : results) next = r.applyTo(next);
            return next;
        };
        InventoryStore.update(client, fleet, change);
    }
}
