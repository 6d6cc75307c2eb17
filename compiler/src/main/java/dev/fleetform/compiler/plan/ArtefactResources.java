package dev.fleetform.compiler.plan;

import dev.fleetform.compiler.check.FleetIndex;
import dev.fleetform.compiler.emit.DataArtefact;
import dev.fleetform.compiler.emit.DataEmitter;
import dev.fleetform.compiler.emit.EmitContext;
import dev.fleetform.compiler.emit.Emitter;
import dev.fleetform.compiler.emit.Emitters;
import dev.fleetform.compiler.model.Fleet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resources of the compiled outputs: Kubernetes objects, Prometheus alert rules and scrape
 * targets, Alertmanager config, JumpServer assets and permissions. Each is read as the compiled
 * file reads back ({@link DataArtefact#readBack()}), so the plan shows exactly what would be
 * applied, without writing and re-parsing the files.
 */
public final class ArtefactResources {
    /** The output areas ({@link Emitter#area()}) this class reads. */
    public static final Set<String> AREAS = Set.of("k8s", "prometheus", "alertmanager", "jumpserver");

    private ArtefactResources() {
    }

    /** Runs the emitters of {@link #AREAS} over a valid fleet and reads their outputs. */
    public static Map<String, Resource> of(Fleet fleet, FleetIndex index, EmitContext ctx) {
        List<DataArtefact> data = new ArrayList<>();
        for (Emitter e : Emitters.all()) {
            if (!AREAS.contains(e.area())) continue;
            if (!(e instanceof DataEmitter d)) throw new IllegalStateException("emitter " + e.area() + " hands over no data");
            data.addAll(d.data(fleet, index, ctx));
        }
        return of(data);
    }

    public static Map<String, Resource> of(List<DataArtefact> data) {
        Map<String, Resource> out = new LinkedHashMap<>();
        for (DataArtefact a : data) {
            String p = a.path();
            if (p.startsWith("k8s/") && p.endsWith(".yaml")) kubernetes(p.substring(4, p.indexOf('/', 4)), a, out);
            else if (p.startsWith("prometheus/rules/")) rules(map(a.readBack().getFirst()), out);
            else if (p.startsWith("prometheus/file_sd/") && p.endsWith(".json")) scrape(job(p), a.readBack().getFirst(), out);
            else if (p.startsWith("alertmanager/")) put(out, "alertmanager/" + file(p), ResourceKind.ALERTMANAGER, map(a.readBack().getFirst()));
            else if (p.equals("jumpserver/assets.json")) jumpserver(map(a.readBack().getFirst()), out);
        }
        return out;
    }

    private static void kubernetes(String cluster, DataArtefact file, Map<String, Resource> out) {
        for (Object doc : file.readBack()) {
            Map<String, Object> o = map(doc);
            Map<String, Object> meta = map(o.getOrDefault("metadata", Map.of()));
            Object ns = meta.get("namespace");
            String address = "k8s/" + cluster + "/" + o.get("apiVersion") + "/" + o.get("kind") + "/"
                    + (ns == null ? "-" : ns) + "/" + meta.get("name");
            put(out, address, ResourceKind.K8S, o);
        }
    }

    @SuppressWarnings("unchecked")
    private static void rules(Map<String, Object> file, Map<String, Resource> out) {
        for (Object g : (List<Object>) file.getOrDefault("groups", List.of())) {
            Map<String, Object> group = map(g);
            for (Object r : (List<Object>) group.getOrDefault("rules", List.of())) {
                Map<String, Object> rule = map(r);
                Object name = rule.containsKey("alert") ? rule.get("alert") : rule.get("record");
                put(out, "prometheus/rule/" + group.get("name") + "/" + name, ResourceKind.PROMETHEUS_RULE, rule);
            }
        }
    }

    /** One resource per target group, keyed by its host label (or its first target). */
    @SuppressWarnings("unchecked")
    private static void scrape(String job, Object file, Map<String, Resource> out) {
        for (Object g : (List<Object>) file) {
            Map<String, Object> group = map(g);
            Map<String, Object> labels = map(group.getOrDefault("labels", Map.of()));
            List<Object> targets = (List<Object>) group.getOrDefault("targets", List.of());
            Object key = labels.containsKey("host") ? labels.get("host") : targets.isEmpty() ? "-" : targets.getFirst();
            put(out, "prometheus/scrape/" + job + "/" + key, ResourceKind.SCRAPE_JOB, group);
        }
    }

    @SuppressWarnings("unchecked")
    private static void jumpserver(Map<String, Object> doc, Map<String, Resource> out) {
        for (Object a : (List<Object>) doc.getOrDefault("assets", List.of())) {
            Map<String, Object> asset = map(a);
            put(out, "jumpserver/asset/" + asset.get("name"), ResourceKind.JUMPSERVER_ASSET, asset);
        }
        for (Object p : (List<Object>) doc.getOrDefault("permissions", List.of())) {
            Map<String, Object> perm = map(p);
            put(out, "jumpserver/permission/" + perm.get("name"), ResourceKind.JUMPSERVER_PERMISSION, perm);
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

    private static void put(Map<String, Resource> out, String address, ResourceKind kind, Map<String, Object> fields) {
        out.putIfAbsent(address, new Resource(address, kind, null, fields));
    }
}
