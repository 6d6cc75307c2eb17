package dev.fleetform.reconciler.engine;

import dev.fleetform.changes.Address;
import dev.fleetform.changes.Resource;
import dev.fleetform.changes.ResourceChange;
import dev.fleetform.changes.ResourceKind;
import dev.fleetform.changes.ResourceSet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An in-memory family for the engine's own tests: clusters whose live objects are a map, a
 * version per object bumped on each write, and clusters that cannot be reached. The Kubernetes
 * provider is tested against the API server fixture; this one tests what the engine decides.
 */
final class FakeProvider implements Provider {
    final Map<String, Map<Address, Map<String, Object>>> desired = new LinkedHashMap<>();
    final Map<String, Map<Address, Map<String, Object>>> live = new HashMap<>();
    final Map<Address, Integer> versions = new HashMap<>();
    final Set<String> unreachable = new java.util.HashSet<>();
    final Set<Address> failing = new java.util.HashSet<>();
    final List<ResourceChange> applied = new ArrayList<>();
    /** The budget of each address's disruptive change; what each call of apply was handed. */
    final Map<Address, Budget> budgets = new HashMap<>();
    final List<List<String>> calls = new ArrayList<>();

    void declare(String cluster, Address.Kube address, Map<String, Object> fields) {
        desired.computeIfAbsent(cluster, c -> new LinkedHashMap<>()).put(address, fields);
    }

    void live(String cluster, Address.Kube address, Map<String, Object> fields) {
        live.computeIfAbsent(cluster, c -> new HashMap<>()).put(address, fields);
        versions.merge(address, 1, Integer::sum);
    }

    static Address.Kube deployment(String cluster, String name) {
        return new Address.Kube(cluster, "apps/v1", "Deployment", "mining", name);
    }

    static Address.Kube node(String cluster, String name) {
        return new Address.Kube(cluster, "v1", "Node", null, name);
    }

    static Address.Kube namespace(String cluster, String name) {
        return new Address.Kube(cluster, "v1", "Namespace", null, name);
    }

    @Override
    public String family() {
        return "k8s";
    }

    @Override
    public List<Target> targets() {
        List<Target> out = new ArrayList<>();
        Set<String> clusters = new java.util.TreeSet<>(desired.keySet());
        clusters.addAll(live.keySet());
        for (String c : clusters) out.add(new Target("k8s/" + c));
        return out;
    }

    private static String cluster(Target t) {
        return t.address().substring("k8s/".length());
    }

    @Override
    public ResourceSet desired(Target target) {
        return set(desired.getOrDefault(cluster(target), Map.of()));
    }

    @Override
    public synchronized Observation observe(Target target) throws TargetUnavailable {
        String c = cluster(target);
        if (unreachable.contains(c)) throw new TargetUnavailable(target, "cannot reach https://" + c + ".example:6443", "check the API", null);
        ResourceSet resources = set(new HashMap<>(live.getOrDefault(c, Map.of())));
        Map<Address, Integer> seen = new HashMap<>(versions);
        return new Observation() {
            @Override
            public ResourceSet resources() {
                return resources;
            }

            @Override
            public String version(Address address) {
                Integer v = seen.get(address);
                return v == null ? null : String.valueOf(v);
            }

            @Override
            public List<String> warnings() {
                return List.of();
            }
        };
    }

    @Override
    public Budget budget(Target target, ResourceChange change) {
        return budgets.get(change.address());
    }

    @Override
    public synchronized List<Outcome> apply(Target target, Observation observed, List<ResourceChange> changes) {
        calls.add(changes.stream().map(c -> c.address().name()).toList());
        List<Outcome> out = new ArrayList<>();
        for (ResourceChange c : changes) {
            if (failing.contains(c.address())) {
                out.add(new Outcome.Failed(c, "500 Internal Server Error after 3 attempts"));
                continue;
            }
            Map<Address, Map<String, Object>> objects = live.computeIfAbsent(cluster(target), k -> new HashMap<>());
            if (c.after() == null) objects.remove(c.address());
            else objects.put(c.address(), c.after());
            versions.merge(c.address(), 1, Integer::sum);
            applied.add(c);
            out.add(new Outcome.Applied(c));
        }
        return out;
    }

    private static ResourceSet set(Map<Address, Map<String, Object>> objects) {
        List<Resource> resources = new ArrayList<>();
        objects.forEach((a, f) -> resources.add(new Resource(a, ResourceKind.K8S, f)));
        return ResourceSet.of(List.of(new ResourceSet.Part("objects", null, () -> resources)));
    }
}
