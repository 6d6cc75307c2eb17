package dev.fleetform.compiler.plan;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.fleetform.compiler.emit.Artefact;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Resources read back from compiled artefacts: Kubernetes objects, Prometheus alert rules and
 * scrape targets, Alertmanager config, JumpServer assets and permissions. Reading the outputs
 * (rather than the model) makes the plan show exactly what would be applied.
 */
public final class ArtefactResources {
    /** The output areas ({@link dev.fleetform.compiler.emit.Emitter#area()}) this class reads. */
    public static final Set<String> AREAS = Set.of("k8s", "prometheus", "alertmanager", "jumpserver");

    private static final Pattern DOCUMENT_START = Pattern.compile("(?m)^---\\n");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private static final TypeReference<List<Map<String, Object>>> LIST = new TypeReference<>() {
    };

    private ArtefactResources() {
    }

    public static Map<String, Resource> of(List<Artefact> artefacts) {
        Map<String, Resource> out = new LinkedHashMap<>();
        for (Artefact a : artefacts) {
            String p = a.path();
            if (p.startsWith("k8s/") && p.endsWith(".yaml")) kubernetes(p.substring(4, p.indexOf('/', 4)), a.text(), out);
            else if (p.startsWith("prometheus/rules/")) rules(a.text(), out);
            else if (p.startsWith("prometheus/file_sd/") && p.endsWith(".json")) scrape(job(p), a.text(), out);
            else if (p.startsWith("alertmanager/")) put(out, "alertmanager/" + file(p), ResourceKind.ALERTMANAGER, read(YAML, a.text()));
            else if (p.equals("jumpserver/assets.json")) jumpserver(a.text(), out);
        }
        return out;
    }

    private static void kubernetes(String cluster, String text, Map<String, Resource> out) {
        for (String doc : DOCUMENT_START.split(text)) {
            if (doc.isBlank()) continue;
            Map<String, Object> o = read(YAML, doc);
            @SuppressWarnings("unchecked")
            Map<String, Object> meta = (Map<String, Object>) o.getOrDefault("metadata", Map.of());
            Object ns = meta.get("namespace");
            String address = "k8s/" + cluster + "/" + o.get("apiVersion") + "/" + o.get("kind") + "/"
                    + (ns == null ? "-" : ns) + "/" + meta.get("name");
            put(out, address, ResourceKind.K8S, o);
        }
    }

    @SuppressWarnings("unchecked")
    private static void rules(String text, Map<String, Resource> out) {
        Map<String, Object> file = read(YAML, text);
        for (Object g : (List<Object>) file.getOrDefault("groups", List.of())) {
            Map<String, Object> group = (Map<String, Object>) g;
            for (Object r : (List<Object>) group.getOrDefault("rules", List.of())) {
                Map<String, Object> rule = (Map<String, Object>) r;
                Object name = rule.containsKey("alert") ? rule.get("alert") : rule.get("record");
                put(out, "prometheus/rule/" + group.get("name") + "/" + name, ResourceKind.PROMETHEUS_RULE, rule);
            }
        }
    }

    /** One resource per target group, keyed by its host label (or its first target). */
    @SuppressWarnings("unchecked")
    private static void scrape(String job, String text, Map<String, Resource> out) {
        try {
            for (Map<String, Object> group : JSON.readValue(text, LIST)) {
                Map<String, Object> labels = (Map<String, Object>) group.getOrDefault("labels", Map.of());
                List<Object> targets = (List<Object>) group.getOrDefault("targets", List.of());
                Object key = labels.containsKey("host") ? labels.get("host") : targets.isEmpty() ? "-" : targets.getFirst();
                put(out, "prometheus/scrape/" + job + "/" + key, ResourceKind.SCRAPE_JOB, group);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static void jumpserver(String text, Map<String, Resource> out) {
        Map<String, Object> doc = read(JSON, text);
        for (Object a : (List<Object>) doc.getOrDefault("assets", List.of())) {
            Map<String, Object> asset = (Map<String, Object>) a;
            put(out, "jumpserver/asset/" + asset.get("name"), ResourceKind.JUMPSERVER_ASSET, asset);
        }
        for (Object p : (List<Object>) doc.getOrDefault("permissions", List.of())) {
            Map<String, Object> perm = (Map<String, Object>) p;
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

    private static Map<String, Object> read(ObjectMapper m, String text) {
        try {
            Map<String, Object> v = m.readValue(text, MAP);
            return v == null ? Map.of() : v;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void put(Map<String, Resource> out, String address, ResourceKind kind, Map<String, Object> fields) {
        out.putIfAbsent(address, new Resource(address, kind, null, fields));
    }
}
