package dev.fleetform.reconciler.kubernetes;

import dev.fleetform.changes.Address;
import dev.fleetform.changes.Resource;
import dev.fleetform.changes.ResourceChange;
import dev.fleetform.changes.ResourceKind;
import dev.fleetform.changes.ResourceSet;
import dev.fleetform.compiler.emit.DataArtefact;
import dev.fleetform.compiler.emit.EmitContext;
import dev.fleetform.compiler.emit.ReadBack;
import dev.fleetform.compiler.emit.kubernetes.KubernetesEmitter;
import dev.fleetform.compiler.index.FleetIndex;
import dev.fleetform.compiler.model.Cluster;
import dev.fleetform.compiler.model.Fleet;
import dev.fleetform.compiler.plan.ArtefactResources;
import dev.fleetform.reconciler.engine.Observation;
import dev.fleetform.reconciler.engine.Budget;
import dev.fleetform.reconciler.engine.Outcome;
import dev.fleetform.reconciler.engine.Provider;
import dev.fleetform.reconciler.engine.Target;
import dev.fleetform.reconciler.engine.TargetUnavailable;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The {@code k8s} family: one target per cluster ({@code k8s/<cluster>}). Git's objects are the
 * compiler's ({@link KubernetesEmitter}), read as {@code fleetform plan} reads them; the live ones
 * are read with one LIST per kind and projected onto the fields Fleetform manages
 * ({@link ManagedFields}, {@link NodeLabels}); apply writes them in dependency order
 * ({@link Applier}).
 */
public final class KubernetesProvider implements Provider {
    public static final String FAMILY = "k8s";
    static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    static final String FLEET = "fleetform.dev/fleet";

    /**
     * @param rolloutTimeout how long apply waits for the Deployments it changed to roll out
     * @param requestTimeout how long one request may take (clients {@link Connections} makes)
     * @param retries        retries of a request after a 429, 5xx or timeout, and re-reads after a conflict
     * @param backoff        the first delay between retries (doubling, at most 16 times it); also paces rollout polls
     */
    public record Options(Duration rolloutTimeout, Duration requestTimeout, int retries, Duration backoff) {
        public Options {
            Objects.requireNonNull(rolloutTimeout);
            Objects.requireNonNull(requestTimeout);
            Objects.requireNonNull(backoff);
            if (retries < 0) throw new IllegalArgumentException("retries must be >= 0: " + retries);
        }

        public Options(Duration rolloutTimeout, Duration requestTimeout, int retries) {
            this(rolloutTimeout, requestTimeout, retries, Duration.ofMillis(500));
        }

        public static Options defaults() {
            return new Options(Duration.ofMinutes(5), Duration.ofSeconds(30), 5);
        }

        /** How often a rollout is read while apply waits for it. */
        Duration poll() {
            long ms = Math.max(20, Math.min(2000, backoff.toMillis() * 4));
            return Duration.ofMillis(ms);
        }
    }

    /** What git declares for one cluster: the resources plan shows, and the objects they were read from. */
    record Desired(Map<Address, Resource> resources, Map<Address, HasMetadata> objects, Set<String> autoscaled) {
        /** Whether an HPA of git's scales this Deployment: then its replicas are the HPA's, never set nor compared. */
        boolean replicasOwnedByHpa(Address.Kube a) {
            return a.kind().equals("Deployment") && autoscaled.contains(a.namespace() + "/" + a.name());
        }
    }

    private final Fleet fleet;
    private final FleetIndex index;
    private final EmitContext ctx;
    private final Connections connections;
    private final Options options;
    private final Requests requests;
    private final int confirmPrune;
    private Map<String, Desired> desired;

    public KubernetesProvider(Fleet fleet, FleetIndex index, EmitContext ctx, Connections connections, Options options) {
        this(fleet, index, ctx, connections, options, 0);
    }

    private KubernetesProvider(Fleet fleet, FleetIndex index, EmitContext ctx, Connections connections, Options options, int confirmPrune) {
        this.fleet = Objects.requireNonNull(fleet);
        this.index = Objects.requireNonNull(index);
        this.ctx = Objects.requireNonNull(ctx);
        this.connections = Objects.requireNonNull(connections);
        this.options = Objects.requireNonNull(options);
        this.requests = new Requests(options);
        this.confirmPrune = confirmPrune;
    }

    /**
     * This provider with the mass-prune guard confirmed for a run of exactly {@code deletions}
     * prunes in a cluster ({@code --confirm-prune N}); 0 confirms nothing.
     */
    public KubernetesProvider withConfirmPrune(int deletions) {
        return new KubernetesProvider(fleet, index, ctx, connections, options, deletions);
    }

    @Override
    public String family() {
        return FAMILY;
    }

    @Override
    public List<Target> targets() {
        return fleet.clusters().stream().map(c -> new Target(FAMILY + "/" + c.name())).toList();
    }

    @Override
    public ResourceSet desired(Target target) {
        Desired d = desired(cluster(target));
        List<Resource> resources = List.copyOf(d.resources().values());
        return ResourceSet.of(List.of(new ResourceSet.Part(target.address(), null, () -> resources)));
    }

    @Override
    public Observation observe(Target target) throws TargetUnavailable {
        Cluster c = cluster(target);
        KubernetesClient client = connections.client(c);
        Desired d = desired(c);
        Map<String, String> owned = new LinkedHashMap<>(); // in this order in the selector: stable requests
        owned.put(MANAGED_BY, "fleetform");
        owned.put(FLEET, fleet.metadata().name());
        List<HasMetadata> objects = new ArrayList<>();
        List<Node> nodes;
        try {
            // one LIST per kind; the selector is equality-only, and checked again here (a server may drop what it cannot parse)
            objects.addAll(list(() -> client.namespaces().withLabels(owned).list().getItems()));
            objects.addAll(list(() -> client.configMaps().inAnyNamespace().withLabels(owned).list().getItems()));
            objects.addAll(list(() -> client.apps().deployments().inAnyNamespace().withLabels(owned).list().getItems()));
            objects.addAll(list(() -> client.policy().v1().podDisruptionBudget().inAnyNamespace().withLabels(owned).list().getItems()));
            objects.addAll(list(() -> client.autoscaling().v2().horizontalPodAutoscalers().inAnyNamespace().withLabels(owned).list().getItems()));
            nodes = list(() -> client.nodes().list().getItems());
        } catch (KubernetesClientException e) {
            throw unavailable(target, c, client, e);
        }
        objects.removeIf(o -> !carries(o, owned));
        List<String> warnings = new ArrayList<>();
        Pruning pruning;
        try {
            pruning = Pruning.decide(c.name(), fleet.metadata().name(), client, d.resources().keySet(), objects, confirmPrune, warnings);
        } catch (KubernetesClientException e) {
            throw unavailable(target, c, client, e);
        }
        // what git does not declare is observed only when it may be pruned: copied labels are never a change
        objects.removeIf(o -> !d.resources().containsKey(address(c, o)) && !pruning.prunes(address(c, o)));

        List<Resource> resources = new ArrayList<>();
        Map<Address, KubeObservation.Live> live = new LinkedHashMap<>();
        for (HasMetadata o : objects) {
            Address.Kube a = address(c, o);
            if (live.containsKey(a)) continue;
            Map<String, Object> tree = tree(o);
            Resource want = d.resources().get(a);
            Map<String, Object> last = lastApplied(d, a, o);
            Map<String, Object> fields = want == null && last == null ? identity(tree)
                    : ManagedFields.project(want == null ? null : want.fields(), last, tree);
            resources.add(new Resource(a, ResourceKind.K8S, fields));
            live.put(a, new KubeObservation.Live(o, tree));
        }

        Set<String> liveNodes = new HashSet<>();
        for (Node n : nodes) {
            Address.Kube a = address(c, n);
            liveNodes.add(n.getMetadata().getName());
            Resource want = d.resources().get(a);
            NodeLabels.Owned ownedHere = NodeLabels.Owned.of(n);
            boolean ours = want != null || !ownedHere.equals(NodeLabels.Owned.NONE) && carries(n, owned);
            if (!ours) continue;
            Map<String, Object> tree = tree(n);
            resources.add(new Resource(a, ResourceKind.K8S, NodeLabels.project(want == null ? null : want.fields(), tree, ownedHere)));
            live.put(a, new KubeObservation.Live(n, tree));
        }
        for (var e : d.objects().entrySet()) {
            if (e.getValue() instanceof Node n && !liveNodes.contains(n.getMetadata().getName())) {
                String pool = n.getMetadata().getLabels() == null ? null : n.getMetadata().getLabels().get("fleetform.dev/pool");
                warnings.add("node " + n.getMetadata().getName() + (pool == null ? "" : " of pool " + pool) + " is not in cluster "
                        + c.name() + ": Fleetform labels nodes, it never creates them");
                // reported, not a change: mirrored so the differ finds nothing to create
                resources.add(d.resources().get(e.getKey()));
            }
        }
        List<Resource> all = List.copyOf(resources);
        ResourceSet set = ResourceSet.of(List.of(new ResourceSet.Part(target.address(), null, () -> all)));
        return new KubeObservation(target, set, live, warnings, pruning);
    }

    @Override
    public List<Outcome> apply(Target target, Observation observed, List<ResourceChange> changes) {
        if (changes.isEmpty()) return List.of();
        Cluster c = cluster(target);
        KubernetesClient client;
        KubeObservation obs;
        try {
            client = connections.client(c);
            obs = observed instanceof KubeObservation k && k.target().equals(target) ? k : (KubeObservation) observe(target);
        } catch (TargetUnavailable e) {
            String why = e.getMessage() + (e.hint() == null ? "" : "; " + e.hint());
            return changes.stream().map(ch -> (Outcome) new Outcome.Failed(ch, why)).toList();
        }
        Desired d = desired(c);
        List<dev.fleetform.compiler.model.Miner> miners = fleet.miners().stream().filter(m -> m.cluster().equals(c.name())).toList();
        return new Applier(target, client, requests, options, d, obs, miners, fleet.metadata().name(), new PoolBudgets(fleet, index, c)).apply(changes);
    }

    /** A disruptive change of a pool's node counts against the pool's budget ({@link PoolBudgets}); a rollout is bounded by its Deployment's strategy. */
    @Override
    public Budget budget(Target target, ResourceChange change) {
        if (!(change.address() instanceof Address.Kube a) || !a.kind().equals("Node")) return null;
        PoolBudgets budgets = new PoolBudgets(fleet, index, cluster(target));
        String pool = budgets.pool(a.name());
        return pool == null ? null : budgets.of(pool);
    }

    // --- git's side ---

    private synchronized Desired desired(Cluster c) {
        if (desired == null) {
            Map<String, List<DataArtefact>> byCluster = new HashMap<>();
            for (DataArtefact a : new KubernetesEmitter().data(fleet, index, ctx)) {
                String p = a.path();
                byCluster.computeIfAbsent(p.substring(4, p.indexOf('/', 4)), k -> new ArrayList<>()).add(a);
            }
            Map<String, Desired> m = new HashMap<>();
            for (Cluster cl : fleet.clusters()) m.put(cl.name(), desired(cl, byCluster.getOrDefault(cl.name(), List.of())));
            desired = m;
        }
        return desired.get(c.name());
    }

    private static Desired desired(Cluster c, List<DataArtefact> data) {
        Map<Address, Resource> resources = ArtefactResources.of(data);
        Map<Address, HasMetadata> objects = new LinkedHashMap<>();
        Set<String> autoscaled = new HashSet<>();
        for (DataArtefact a : data) {
            for (Object v : a.values()) {
                if (!(v instanceof HasMetadata o)) continue;
                objects.putIfAbsent(address(c, o), o);
                if (o instanceof HorizontalPodAutoscaler h && h.getSpec() != null && h.getSpec().getScaleTargetRef() != null
                        && "Deployment".equals(h.getSpec().getScaleTargetRef().getKind())) {
                    autoscaled.add(h.getMetadata().getNamespace() + "/" + h.getSpec().getScaleTargetRef().getName());
                }
            }
        }
        return new Desired(resources, objects, autoscaled);
    }

    // --- helpers shared with the applier ---

    static Address.Kube address(Cluster c, HasMetadata o) {
        return new Address.Kube(c.name(), o.getApiVersion(), o.getKind(), o.getMetadata().getNamespace(), o.getMetadata().getName());
    }

    /** The object as JSON reads it: the tree JSON Patch paths address, and the one git's fields are read as. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> tree(HasMetadata o) {
        return (Map<String, Object>) ReadBack.json(o);
    }

    /** What the last apply set, without what belongs to someone else now (the replicas an HPA scales). */
    static Map<String, Object> lastApplied(Desired d, Address.Kube a, HasMetadata live) {
        Map<String, Object> last = LastApplied.of(live);
        if (last != null && d.replicasOwnedByHpa(a) && last.get("spec") instanceof Map<?, ?> spec) {
            Map<String, Object> s = new LinkedHashMap<>(ManagedFields.map(spec));
            s.remove("replicas");
            last = new LinkedHashMap<>(last);
            last.put("spec", s);
        }
        return last;
    }

    /** An owned object git does not declare and Fleetform never applied: shown by what it is. */
    private static Map<String, Object> identity(Map<String, Object> tree) {
        Map<String, Object> meta = ManagedFields.map(tree.get("metadata"));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", meta.get("name"));
        if (meta.get("namespace") != null) m.put("namespace", meta.get("namespace"));
        if (meta.get("labels") != null) m.put("labels", meta.get("labels"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("apiVersion", tree.get("apiVersion"));
        out.put("kind", tree.get("kind"));
        out.put("metadata", m);
        return out;
    }

    private static boolean carries(HasMetadata o, Map<String, String> labels) {
        Map<String, String> have = o.getMetadata() == null ? null : o.getMetadata().getLabels();
        if (have == null) return false;
        for (var e : labels.entrySet()) if (!e.getValue().equals(have.get(e.getKey()))) return false;
        return true;
    }

    private <T> List<T> list(Supplier<List<T>> request) {
        return requests.call(request::get);
    }

    private static TargetUnavailable unavailable(Target target, Cluster c, KubernetesClient client, KubernetesClientException e) {
        String server = client.getConfiguration() == null ? "?" : client.getConfiguration().getMasterUrl();
        String hint = switch (e.getCode()) {
            case 401 -> "the credentials of context '" + c.context() + "' were refused: log in again or renew them";
            case 403 -> "the reconciler may not read there: give it the ClusterRole in fleet-repo-example/deploy/rbac.yaml";
            default -> e.getCode() > 0 ? "the API server answered with an error: try again later, or check its health"
                    : "check that the API server " + server + " is reachable from here (VPN, firewall) and that context '"
                      + c.context() + "' points at it";
        };
        return new TargetUnavailable(target, "cannot read cluster " + c.name() + " at " + server + ": " + Requests.describe(e), hint, e);
    }

    private Cluster cluster(Target target) {
        for (Cluster c : fleet.clusters()) if (target.address().equals(FAMILY + "/" + c.name())) return c;
        throw new IllegalArgumentException("not a cluster of this fleet: " + target);
    }
}
