package dev.fleetform.reconciler.kubernetes;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import dev.fleetform.changes.Action;
import dev.fleetform.changes.Address;
import dev.fleetform.changes.Resource;
import dev.fleetform.changes.ResourceChange;
import dev.fleetform.changes.ResourceKind;
import dev.fleetform.changes.Risk;
import dev.fleetform.compiler.model.Miner;
import dev.fleetform.reconciler.engine.Outcome;
import dev.fleetform.reconciler.engine.Target;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

import dev.fleetform.reconciler.kubernetes.prune.InventoryStore;
import dev.fleetform.reconciler.kubernetes.prune.PruneResult;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One apply to one cluster, in the order the objects depend on each other: Namespaces, then a
 * check of the Secrets the miners need (a miner whose Secret is missing gets none of its workloads
 * written), ConfigMaps, Node labels and taints (after a disruptive one, a wait until the pool's
 * workloads are available again, see {@link PoolBudgets}), Deployments, PodDisruptionBudgets and HPAs; then
 * the rollouts of the Deployments it changed; then the NoExecute taints a Node does not carry yet
 * (they evict what does not tolerate them: the tolerations of the same commit go first, and when
 * they did not roll out the taint waits); deletes last, through {@link KubernetesProvider.Prune}.
 * Each change has its own outcome: a failure is reported, never thrown, and the others go on.
 */
final class Applier {
    private static final PatchContext JSON_PATCH = PatchContext.of(PatchType.JSON);

    private final Target target;
    private final KubernetesClient client;
    private final Requests requests;
    private final KubernetesProvider.Options options;
    private final KubernetesProvider.Desired desired;
    private final KubeObservation observed;
    private final List<Miner> miners;
    private final List<HasMetadata> created = new ArrayList<>();
    private final String fleet;
    private final RetryPolicy<Object> conflicts;
    private final PoolBudgets pools;

    Applier(Target target, KubernetesClient client, Requests requests, KubernetesProvider.Options options,
            KubernetesProvider.Desired desired, KubeObservation observed, List<Miner> miners, String fleet, PoolBudgets pools) {
        this.fleet = fleet;
        this.pools = pools;
        this.target = target;
        this.client = client;
        this.requests = requests;
        this.options = options;
        this.desired = desired;
        this.observed = observed;
        this.miners = miners;
        // A write that lost a race, or got no answer, is not resent as it was: the object is read
        // again and the write recomputed (the resourceVersion test makes a resent stale write fail).
        this.conflicts = RetryPolicy.builder().handleIf(e -> Requests.isConflict(e) || Requests.isTransient(e))
                .withBackoff(options.backoff(), options.backoff().multipliedBy(16)).withMaxRetries(options.retries()).build();
    }

    /** The phases, in the order they run. */
    private enum Phase { NAMESPACES, CONFIG, NODES, WORKLOADS, DELETES }

    List<Outcome> apply(List<ResourceChange> changes) {
        Map<Phase, List<ResourceChange>> byPhase = new LinkedHashMap<>();
        for (Phase p : Phase.values()) byPhase.put(p, new ArrayList<>());
        for (ResourceChange ch : changes) byPhase.get(phase(ch)).add(ch);
        byPhase.get(Phase.WORKLOADS).sort(Comparator.comparingInt(ch -> rank(((Address.Kube) ch.address()).kind())));

        List<Outcome> out = new ArrayList<>(changes.size());
        for (ResourceChange ch : byPhase.get(Phase.NAMESPACES)) out.add(guard(ch, () -> upsert(ch)));
        Map<String, SecretCheck.Problem> secrets = checkSecrets(byPhase.get(Phase.WORKLOADS));
        for (ResourceChange ch : byPhase.get(Phase.CONFIG)) out.add(guard(ch, () -> upsert(ch)));
        List<Integer> disrupted = new ArrayList<>();
        // a NoExecute taint evicts what does not tolerate it: it is added once the workloads written
        // below (with the toleration, when the same commit adds both) have rolled out
        Map<ResourceChange, Integer> evicting = new LinkedHashMap<>();
        for (ResourceChange ch : byPhase.get(Phase.NODES)) {
            Outcome o = guard(ch, () -> node(ch, true));
            if (o == null) {
                evicting.put(ch, out.size());
                out.add(new Outcome.Failed(ch, "not reached")); // replaced below
                continue;
            }
            if (o instanceof Outcome.Applied && ch.risk() == Risk.DISRUPTIVE) disrupted.add(out.size());
            out.add(o);
        }
        awaitPools(out, disrupted);

        List<Integer> written = new ArrayList<>();
        for (ResourceChange ch : byPhase.get(Phase.WORKLOADS)) {
            Address.Kube a = (Address.Kube) ch.address();
            SecretCheck.Problem p = secrets.get(a.namespace() + "/" + a.name());
            if (p != null) {
                out.add(p.missing() ? new Outcome.Refused(ch, p.why()) : new Outcome.Failed(ch, p.why()));
                continue;
            }
            Outcome o = guard(ch, () -> upsert(ch));
            if (o instanceof Outcome.Applied && a.kind().equals("Deployment")) written.add(out.size());
            out.add(o);
        }
        awaitRollouts(out, written);
        taintLast(out, evicting);

        List<ResourceChange> deletes = byPhase.get(Phase.DELETES);
        List<PruneResult> pruned = new ArrayList<>();
        if (!deletes.isEmpty()) out.addAll(observed.pruning().delete(client, deletes, pruned));
        try {
            observed.pruning().record(client, created, pruned);
        } catch (RuntimeException e) {
            // the objects are written; only the record of them is not: say so, next run prunes less, never more
            out.add(new Outcome.Failed(inventoryChange(), "cannot record what was created and pruned in the inventory: "
                    + (e instanceof KubernetesClientException k ? Requests.describe(k) : e.getMessage())));
        }
        return out;
    }

    /** The inventory's own write, which no plan lists: what a failure to record it is reported against. */
    private ResourceChange inventoryChange() {
        String cluster = target.address().substring(target.address().indexOf('/') + 1);
        Address.Kube a = new Address.Kube(cluster, "v1", "ConfigMap", InventoryStore.NAMESPACE, InventoryStore.configMapName(fleet));
        return new ResourceChange(a, ResourceKind.K8S, Action.UPDATE, Risk.SAFE,
                "the inventory of what Fleetform created", List.of(), null, null, List.of(), false);
    }

    private static Phase phase(ResourceChange ch) {
        Address.Kube a = (Address.Kube) ch.address();
        if (a.kind().equals("Node")) return Phase.NODES; // a Node leaving git only loses Fleetform's labels and taints
        if (ch.action() == Action.DELETE) return Phase.DELETES;
        return switch (a.kind()) {
            case "Namespace" -> Phase.NAMESPACES;
            case "Deployment", "PodDisruptionBudget", "HorizontalPodAutoscaler" -> Phase.WORKLOADS;
            default -> Phase.CONFIG;
        };
    }

    private static int rank(String kind) {
        return switch (kind) {
            case "Deployment" -> 0;
            case "PodDisruptionBudget" -> 1;
            default -> 2;
        };
    }

    /** Each miner with a workload to write, checked once; keyed {@code namespace/name} as its workloads are named. */
    private Map<String, SecretCheck.Problem> checkSecrets(List<ResourceChange> workloads) {
        Map<String, SecretCheck.Problem> problems = new LinkedHashMap<>();
        SecretCheck check = new SecretCheck(client, requests);
        for (ResourceChange ch : workloads) {
            Address.Kube a = (Address.Kube) ch.address();
            String key = a.namespace() + "/" + a.name();
            if (problems.containsKey(key)) continue;
            for (Miner m : miners) {
                if (m.namespace().equals(a.namespace()) && m.name().equals(a.name())) {
                    problems.put(key, check.check(m));
                    break;
                }
            }
        }
        problems.values().removeIf(java.util.Objects::isNull);
        return problems;
    }

    // --- objects Fleetform owns: create, or a three-way merge sent as a JSON Patch ---

    private Outcome upsert(ResourceChange ch) {
        Address.Kube a = (Address.Kube) ch.address();
        HasMetadata want = desired.objects().get(a);
        Resource fields = desired.resources().get(a);
        if (want == null || fields == null) return new Outcome.Failed(ch, "git does not declare " + a);
        Map<String, Object> d = fields.fields();
        try {
            return Failsafe.with(conflicts).get(ctx -> {
                KubeObservation.Live live = ctx.getAttemptCount() == 0 ? observed.live(a) : reread(want);
                if (live == null) {
                    HasMetadata create = annotated(want, d);
                    created.add(client.resource(create).create());
                    return new Outcome.Applied(ch);
                }
                JsonPatch patch = threeWay(a, d, live);
                if (patch.isEmpty()) return new Outcome.Applied(ch);
                String body = patch.guardedBy(live.object().getMetadata().getResourceVersion()).json();
                client.resource(live.object()).patch(JSON_PATCH, body);
                return new Outcome.Applied(ch);
            });
        } catch (KubernetesClientException e) {
            return new Outcome.Failed(ch, attempts(e) + Requests.describe(e));
        }
    }

    /** The live object with git's fields set, the ones git dropped since the last apply removed, and the new last-applied. */
    JsonPatch threeWay(Address.Kube a, Map<String, Object> d, KubeObservation.Live live) {
        Map<String, Object> last = KubernetesProvider.lastApplied(desired, a, live.object());
        Map<String, Object> merged = ManagedFields.merge(d, last, live.tree());
        Map<String, Object> meta = new LinkedHashMap<>(ManagedFields.map(merged.get("metadata")));
        Map<String, Object> annotations = ManagedFields.map(meta.get("annotations"));
        annotations = annotations == null ? new LinkedHashMap<>() : new LinkedHashMap<>(annotations);
        annotations.put(LastApplied.ANNOTATION, LastApplied.text(d));
        meta.put("annotations", annotations);
        merged.put("metadata", meta);
        return JsonPatch.diff(live.tree(), merged);
    }

    private HasMetadata annotated(HasMetadata want, Map<String, Object> d) {
        HasMetadata copy = client.getKubernetesSerialization().clone(want);
        Map<String, String> annotations = copy.getMetadata().getAnnotations() == null ? new LinkedHashMap<>()
                : new LinkedHashMap<>(copy.getMetadata().getAnnotations());
        annotations.put(LastApplied.ANNOTATION, LastApplied.text(d));
        copy.getMetadata().setAnnotations(annotations);
        return copy;
    }

    private KubeObservation.Live reread(HasMetadata want) {
        HasMetadata now = requests.call(() -> client.resource(want).get());
        return now == null ? null : new KubeObservation.Live(now, KubernetesProvider.tree(now));
    }

    // --- Nodes: only Fleetform's labels and taints ---

    /**
     * The NoExecute taints held back from the node phase: added now that the workloads are out,
     * unless one of them did not roll out (its pods may not tolerate the taint yet), in which case
     * they wait for the next run; then, as for any disruptive node change, the pools are waited for.
     */
    private void taintLast(List<Outcome> out, Map<ResourceChange, Integer> evicting) {
        if (evicting.isEmpty()) return;
        List<String> notOut = new ArrayList<>();
        for (Outcome o : out) {
            if (phase(o.change()) == Phase.WORKLOADS && !(o instanceof Outcome.Applied)) notOut.add(o.change().address().text());
        }
        List<Integer> disrupted = new ArrayList<>();
        for (var e : evicting.entrySet()) {
            ResourceChange ch = e.getKey();
            if (!notOut.isEmpty()) {
                out.set(e.getValue(), new Outcome.Failed(ch, "its NoExecute taint was not added: " + String.join(", ", notOut)
                        + " did not roll out, and the taint would evict pods that do not tolerate it yet; the next run adds it"));
                continue;
            }
            Outcome o = guard(ch, () -> node(ch, false));
            out.set(e.getValue(), o);
            if (o instanceof Outcome.Applied) disrupted.add(e.getValue());
        }
        awaitPools(out, disrupted);
    }

    /**
     * Writes git's labels and taints on a Node. {@code early}: in the node phase, with NoExecute
     * taints the Node does not carry yet held back (a taint of the same key stays as it is), and
     * null when some were, for {@link #taintLast} to add.
     */
    private Outcome node(ResourceChange ch, boolean early) {
        Address.Kube a = (Address.Kube) ch.address();
        Resource want = ch.action() == Action.DELETE ? null : desired.resources().get(a);
        Map<String, Object> full = want == null ? null : want.fields();
        KubeObservation.Live seen = observed.live(a);
        Map<String, Object> held = early && full != null && seen != null ? NodeLabels.withoutNewEvictions(full, seen.tree()) : null;
        Map<String, Object> d = held != null ? held : full;
        if (observed.live(a) == null && d != null) {
            return new Outcome.Refused(ch, "node " + a.name() + " is not in cluster " + a.cluster()
                    + ": Fleetform labels the nodes of a pool, it never creates them; join the node to the cluster, or take it out of the pool");
        }
        try {
            return Failsafe.with(conflicts).get(ctx -> {
                KubeObservation.Live live = ctx.getAttemptCount() == 0 ? observed.live(a) : rereadNode(a.name());
                if (live == null) {
                    return d == null ? new Outcome.Applied(ch)
                            : new Outcome.Refused(ch, "node " + a.name() + " left cluster " + a.cluster() + " while Fleetform labelled it");
                }
                JsonPatch patch = NodeLabels.patch(d, live.tree(), NodeLabels.Owned.of(live.object()));
                if (!patch.isEmpty()) {
                    // on the object read, not withName(): fabric8 would GET the Node first to patch it
                    client.resource((Node) live.object()).patch(JSON_PATCH, patch.json());
                }
                return held != null ? null : new Outcome.Applied(ch);
            });
        } catch (KubernetesClientException e) {
            return new Outcome.Failed(ch, attempts(e) + Requests.describe(e));
        }
    }

    private KubeObservation.Live rereadNode(String name) {
        Node now = requests.call(() -> client.nodes().withName(name).get());
        return now == null ? null : new KubeObservation.Live(now, KubernetesProvider.tree(now));
    }

    // --- rollouts ---

    private void awaitRollouts(List<Outcome> out, List<Integer> written) {
        if (written.isEmpty()) return;
        List<Address.Kube> deployments = new ArrayList<>();
        for (int i : written) deployments.add((Address.Kube) out.get(i).change().address());
        Map<Address.Kube, String> unfinished = new Rollouts(client, requests, options.rolloutTimeout(), options.poll()).await(deployments);
        for (int i : written) {
            ResourceChange ch = out.get(i).change();
            String why = unfinished.get((Address.Kube) ch.address());
            if (why != null) out.set(i, new Outcome.Failed(ch, why));
        }
    }

    /**
     * After a disruptive change of nodes, waits until the workloads of their pools that are live
     * are fully available again: the engine starts the pool's next wave on this word. The wait
     * begins one poll later, so that the controllers have seen the node change.
     */
    private void awaitPools(List<Outcome> out, List<Integer> disrupted) {
        if (disrupted.isEmpty()) return;
        Map<Integer, List<Address.Kube>> waitFor = new LinkedHashMap<>();
        Set<Address.Kube> all = new LinkedHashSet<>();
        for (int i : disrupted) {
            String pool = pools.pool(out.get(i).change().address().name());
            List<Address.Kube> live = pool == null ? List.of()
                    : pools.deployments(pool).stream().filter(d -> observed.live(d) != null).toList();
            waitFor.put(i, live);
            all.addAll(live);
        }
        if (all.isEmpty()) return;
        try {
            Thread.sleep(options.poll());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Map<Address.Kube, String> unfinished = new Rollouts(client, requests, options.rolloutTimeout(), options.poll()).awaitAvailable(all);
        for (var e : waitFor.entrySet()) {
            ResourceChange ch = out.get(e.getKey()).change();
            for (Address.Kube d : e.getValue()) {
                String why = unfinished.get(d);
                if (why != null) {
                    out.set(e.getKey(), new Outcome.Failed(ch, "written, but the pool's workloads did not recover: " + why));
                    break;
                }
            }
        }
    }

    private String attempts(KubernetesClientException e) {
        if (Requests.isConflict(e)) return "it kept changing while Fleetform wrote it (" + (options.retries() + 1) + " attempts, re-read each time): ";
        if (Requests.isTransient(e)) return "gave up after " + (options.retries() + 1) + " attempts: ";
        return "";
    }

    private static Outcome guard(ResourceChange ch, Supplier<Outcome> step) {
        try {
            return step.get();
        } catch (RuntimeException e) {
            return new Outcome.Failed(ch, Requests.describe(e));
        }
    }
}
