package dev.fleetform.compiler.plan;

import dev.fleetform.changes.Address;
import dev.fleetform.changes.Resource;
import dev.fleetform.changes.ResourceKind;
import dev.fleetform.compiler.index.FleetIndex;
import dev.fleetform.compiler.emit.DataArtefact;
import dev.fleetform.compiler.emit.DataEmitter;
import dev.fleetform.compiler.emit.EmitContext;
import dev.fleetform.compiler.emit.Emitter;
import dev.fleetform.compiler.emit.Emitters;
import dev.fleetform.compiler.emit.ReadBack;
import dev.fleetform.compiler.index.FleetIndex;
import dev.fleetform.compiler.model.Fleet;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Resources of the compiled outputs: Kubernetes objects, Prometheus alert rules and scrape
 * targets, Alertmanager config, JumpServer assets and permissions. Each is read as the compiled
 * file reads back ({@link ReadBack}), so the plan shows exactly what would be applied, without
 * writing and re-parsing the files; the many (objects, target groups, assets) only when their
 * value differs from the other side's.
 */
public final class ArtefactResources {
    /** The output areas ({@link Emitter#area()}) this class reads. */
    public static final Set<String> AREAS = Set.of("k8s", "prometheus", "alertmanager", "jumpserver", "consul");

    private static final Function<Object, Map<String, Object>> YAML = v -> map(ReadBack.yaml(v));
    private static final Function<Object, Map<String, Object>> JSON = v -> map(ReadBack.json(v));

    private ArtefactResources() {
    }

    /** Runs the emitters of {@link #AREAS} over a valid fleet and reads their outputs. */
    public static Map<Address, Resource> of(Fleet fleet, FleetIndex index, EmitContext ctx) {
        List<DataArtefact> data = new ArrayList<>();
        for (Emitter e : Emitters.all()) {
            if (!AREAS.contains(e.area())) continue;
            if (!(e instanceof DataEmitter d)) throw new IllegalStateException("emitter " + e.area() + " hands over no data");
            for (DataArtefact a : d.data(fleet, index, ctx)) {
                // a VM's Consul file goes to the VM, which no provider reaches: only hosts' are resources
                if (a.path().startsWith(CONSUL) && !hosts(fleet).contains(consulNode(a.path()))) continue;
                data.add(a);
            }
        }
        return of(data);
    }

    public static Map<Address, Resource> of(List<DataArtefact> data) {
        Map<Address, Resource> out = new LinkedHashMap<>();
        for (DataArtefact a : data) {
            String p = a.path();
            if (p.startsWith("k8s/") && p.endsWith(".yaml")) kubernetes(p.substring(4, p.indexOf('/', 4)), a, out);
            else if (p.startsWith("prometheus/rules/")) rules(map(a.readBack().getFirst()), out);
            else if (p.startsWith("prometheus/file_sd/") && p.endsWith(".json")) scrape(job(p), a.values().getFirst(), out);
            // where alerts go and how targets are discovered: what the rules and file_sd do not show
            else if (p.equals("prometheus/prometheus.yml")) put(out, Address.Output.of("prometheus", "prometheus.yml"), ResourceKind.PROMETHEUS_CONFIG, map(a.readBack().getFirst()));
            else if (p.startsWith("alertmanager/")) put(out, Address.Output.of("alertmanager", file(p)), ResourceKind.ALERTMANAGER, map(a.readBack().getFirst()));
            else if (p.equals("jumpserver/assets.json")) jumpserver(map(a.values().getFirst()), out);
            else if (p.startsWith(CONSUL) && p.endsWith(".json")) consul(consulNode(p), a.values().getFirst(), out);
        }
        return out;
    }

    private static final String CONSUL = "consul/";

    private static Set<String> hosts(Fleet fleet) {
        Set<String> names = new java.util.HashSet<>();
        for (var h : fleet.hosts()) names.add(h.name());
        return names;
    }

    /** {@code gpu-01} of {@code consul/gpu-01.json}. */
    public static String consulNode(String path) {
        String f = file(path);
        return f.endsWith(".json") ? f.substring(0, f.length() - ".json".length()) : f;
    }

    /**
     * One resource per Consul service definition of a host's file, at {@code host/<node>/consul/<id>}:
     * the file goes to that host's agent, so it is in the host's target (see {@code monitoring.consul.configDir}).
     */
    @SuppressWarnings("unchecked")
    public static void consul(String node, Object file, Map<Address, Resource> out) {
        Object services = file instanceof Map<?, ?> m ? m.get("services") : null;
        if (!(services instanceof List<?> list)) return;
        for (Object s : list) {
            Map<String, Object> service = map(s);
            read(out, Address.OnHost.of(node).child("consul", String.valueOf(service.get("id"))), ResourceKind.CONSUL_SERVICE, service, JSON);
        }
    }

    /** Thousands of objects (node patches): each read only if it differs from the other side's. */
    private static void kubernetes(String cluster, DataArtefact file, Map<Address, Resource> out) {
        for (Object doc : file.values()) {
            HasMetadata o = (HasMetadata) doc;
            String ns = o.getMetadata() == null ? null : o.getMetadata().getNamespace();
            String name = o.getMetadata() == null ? null : o.getMetadata().getName();
            read(out, new Address.Kube(cluster, o.getApiVersion(), o.getKind(), ns, name), ResourceKind.K8S, doc, YAML);
        }
    }

    @SuppressWarnings("unchecked")
    private static void rules(Map<String, Object> file, Map<Address, Resource> out) {
        for (Object g : (List<Object>) file.getOrDefault("groups", List.of())) {
            Map<String, Object> group = map(g);
            for (Object r : (List<Object>) group.getOrDefault("rules", List.of())) {
                Map<String, Object> rule = map(r);
                Object name = rule.containsKey("alert") ? rule.get("alert") : rule.get("record");
                put(out, Address.Output.of("prometheus", "rule", String.valueOf(group.get("name")), String.valueOf(name)),
                        ResourceKind.PROMETHEUS_RULE, rule);
            }
        }
    }

    /** One resource per target group, keyed by its host label (or its first target). */
    @SuppressWarnings("unchecked")
    private static void scrape(String job, Object file, Map<Address, Resource> out) {
        for (Object g : (List<Object>) file) {
            Map<String, Object> group = (Map<String, Object>) g;
            Map<String, Object> labels = (Map<String, Object>) group.getOrDefault("labels", Map.of());
            List<Object> targets = (List<Object>) group.getOrDefault("targets", List.of());
            Object key = labels.containsKey("host") ? labels.get("host") : targets.isEmpty() ? "-" : targets.getFirst();
            read(out, Address.Output.of("prometheus", "scrape", job, String.valueOf(key)), ResourceKind.SCRAPE_JOB, group, JSON);
        }
    }

    @SuppressWarnings("unchecked")
    private static void jumpserver(Map<String, Object> doc, Map<Address, Resource> out) {
        for (Object a : (List<Object>) doc.getOrDefault("assets", List.of())) {
            read(out, Address.Output.of("jumpserver", "asset", String.valueOf(map(a).get("name"))), ResourceKind.JUMPSERVER_ASSET, a, JSON);
        }
        for (Object p : (List<Object>) doc.getOrDefault("permissions", List.of())) {
            read(out, Address.Output.of("jumpserver", "permission", String.valueOf(map(p).get("name"))), ResourceKind.JUMPSERVER_PERMISSION, p, JSON);
        }
    }

    private static String job(String path) {
        String f = file(path);
        return f.substring(0, f.lastIndexOf('.'));
    }

    private static String file(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** A document or element read as a map; an empty document reads as an empty map. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    private static void put(Map<Address, Resource> out, Address address, ResourceKind kind, Map<String, Object> fields) {
        out.putIfAbsent(address, new Resource(address, kind, fields));
    }

    /** A resource whose fields are its value as the YAML or JSON file reads it back. */
    private static void read(Map<Address, Resource> out, Address address, ResourceKind kind, Object value,
                             Function<Object, Map<String, Object>> reader) {
        if (!out.containsKey(address)) out.put(address, Resource.read(address, kind, value, reader));
    }
}
