package dev.fleetform.compiler.emit.consul;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.fleetform.compiler.Validation;
import dev.fleetform.compiler.Validator;
import dev.fleetform.compiler.emit.Artefact;
import dev.fleetform.compiler.emit.Compiled;
import dev.fleetform.compiler.emit.Compiler;
import dev.fleetform.compiler.emit.EmitContext;
import dev.fleetform.compiler.emit.ExternalTool;
import dev.fleetform.compiler.emit.Templates;
import dev.fleetform.compiler.emit.prometheus.PrometheusEmitter;
import dev.fleetform.compiler.testing.Fleets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * consul/<node>.json against the file_sd files it must agree with, and prometheus.yml's
 * consul_sd jobs against promtool. Consul itself is not installable here (not in Debian 12, no
 * HashiCorp repository reachable), so the files are held to the fields and limits of Consul's
 * services and checks configuration reference instead of being loaded by a real agent.
 */
class ConsulEmitterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Path EXAMPLE = Path.of(System.getProperty("fleetform.repoRoot", ".."), "fleet-repo-example");
    private static final String MONITORING = "monitoring:\n  scrape:";

    /** Consul's documented service fields we use, and those of an HTTP check. */
    private static final Set<String> SERVICE_FIELDS = Set.of("id", "name", "address", "port", "tags", "meta", "check");
    private static final Set<String> CHECK_FIELDS = Set.of("name", "http", "interval", "timeout");
    private static final Pattern META_KEY = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    /** A meta key consul_sd hands over as __meta_consul_service_metadata_<key> unchanged (a label name). */
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private static String withConsul(String fleet, String consul) {
        return Fleets.edit(fleet, MONITORING, "monitoring:\n  consul: " + consul + "\n  scrape:");
    }

    private static List<Artefact> consul(Validation v) {
        assertTrue(v.valid(), () -> Fleets.render(v.diagnostics()));
        return new ConsulEmitter().emit(v.fleet(), v.index(), new EmitContext(Templates.builtIn()));
    }

    private static List<Artefact> prometheus(Validation v) {
        assertTrue(v.valid(), () -> Fleets.render(v.diagnostics()));
        return new PrometheusEmitter().emit(v.fleet(), v.index(), new EmitContext(Templates.builtIn()));
    }

    /** A copy of the example repository (fleet.yaml and its includes) with {@code monitoring.consul} set. */
    private static Validation exampleWithConsul(Path dir, String consul) throws IOException {
        try (Stream<Path> files = Files.walk(EXAMPLE)) {
            for (Path f : files.toList()) {
                Path to = dir.resolve(EXAMPLE.relativize(f).toString());
                if (Files.isDirectory(f)) Files.createDirectories(to); else Files.copy(f, to);
            }
        }
        Path fleet = dir.resolve("fleet.yaml");
        Files.writeString(fleet, withConsul(Files.readString(fleet), consul));
        return Validator.validate(fleet);
    }

    /** "job address:port {labels}" for every file_sd target group. */
    private static Set<String> fileSdTargets(List<Artefact> prometheus) throws IOException {
        Set<String> out = new TreeSet<>();
        for (Artefact a : prometheus) {
            if (!a.path().startsWith("prometheus/file_sd/")) continue;
            String job = a.path().substring("prometheus/file_sd/".length(), a.path().length() - ".json".length());
            for (JsonNode g : JSON.readTree(a.bytes())) {
                assertEquals(1, g.path("targets").size(), g::toString);
                out.add(job + " " + g.path("targets").path(0).asText() + " " + strings(g.path("labels")));
            }
        }
        return out;
    }

    /** The same, from the services of the consul files; checks each file's shape on the way. */
    private static Set<String> consulTargets(List<Artefact> consul) throws IOException {
        Set<String> out = new TreeSet<>();
        for (Artefact a : consul) {
            assertTrue(a.path().matches("consul/[a-z0-9-]+\\.json"), a.path());
            JsonNode file = JSON.readTree(a.bytes());
            assertEquals(List.of("services"), fieldNames(file), a.path());
            assertFalse(file.path("services").isEmpty(), a.path());
            Set<String> ids = new HashSet<>();
            for (JsonNode s : file.path("services")) {
                assertTrue(SERVICE_FIELDS.containsAll(fieldNames(s)), s::toString);
                assertTrue(CHECK_FIELDS.containsAll(fieldNames(s.path("check"))), s::toString);
                assertTrue(ids.add(s.path("id").asText()), () -> "id twice on one agent: " + s);
                assertTrue(s.path("port").isInt(), s::toString);
                String address = s.path("address").asText();
                String hostPort = (address.contains(":") ? "[" + address + "]" : address) + ":" + s.path("port").asInt();
                assertEquals("http://" + hostPort + "/metrics", s.path("check").path("http").asText());
                assertEquals("30s", s.path("check").path("interval").asText());
                assertEquals("[\"fleetform\"]", s.path("tags").toString());
                assertTrue(s.path("meta").size() <= 64, s::toString);
                s.path("meta").properties().forEach(e -> {
                    assertTrue(META_KEY.matcher(e.getKey()).matches() && LABEL_NAME.matcher(e.getKey()).matches(), e::getKey);
                    assertTrue(e.getValue().isTextual() && e.getValue().asText().length() <= 512, e::toString);
                });
                assertEquals(a.path(), "consul/" + s.path("meta").path("host").asText() + ".json");
                out.add(s.path("name").asText() + " " + hostPort + " " + strings(s.path("meta")));
            }
        }
        return out;
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> m = new TreeMap<>();
        object.properties().forEach(e -> {
            assertTrue(e.getValue().isTextual(), () -> "not a string: " + e);
            m.put(e.getKey(), e.getValue().asText());
        });
        return m;
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void servicesAreTheFileSdTargetsOneForOneOnTheExampleFleet(@TempDir Path dir) throws IOException {
        Validation v = exampleWithConsul(dir, "{ server: \"10.0.0.5:8500\", datacenter: dc1 }");
        Set<String> fileSd = fileSdTargets(prometheus(v));
        List<Artefact> consul = consul(v);
        assertTrue(fileSd.size() > 40, () -> "the example fleet has fewer targets than expected: " + fileSd.size());
        assertEquals(fileSd, consulTargets(consul));
        // one file per scraped host or VM, and none for the rest
        Set<String> hosts = new TreeSet<>();
        for (String t : fileSd) hosts.add("consul/" + t.replaceAll(".*[{ ]host=([a-z0-9-]+).*", "$1") + ".json");
        assertEquals(hosts, new TreeSet<>(consul.stream().map(Artefact::path).toList()));
    }

    @Test
    void aServiceHasTheDocumentedFields() throws IOException {
        List<Artefact> consul = Compiled.emit(new ConsulEmitter(), withConsul(Fleets.SAMPLE, "{}"));
        assertEquals(List.of("consul/gpu-01.json", "consul/gpu-01-vm1.json", "consul/store-01.json"),
                consul.stream().map(Artefact::path).toList());
        assertEquals(JSON.readTree("""
                {"services": [
                  {"id": "node-store-01", "name": "node", "address": "10.0.1.11", "port": 9100, "tags": ["fleetform"],
                   "meta": {"host": "store-01", "rack": "r01", "role": "storage", "zone": "az2"},
                   "check": {"name": "node exporter /metrics", "http": "http://10.0.1.11:9100/metrics",
                             "interval": "30s", "timeout": "10s"}},
                  {"id": "mysql-store-01", "name": "mysql", "address": "10.0.1.11", "port": 9104, "tags": ["fleetform"],
                   "meta": {"host": "store-01", "rack": "r01", "role": "storage", "zone": "az2"},
                   "check": {"name": "mysql exporter /metrics", "http": "http://10.0.1.11:9104/metrics",
                             "interval": "30s", "timeout": "10s"}}]}
                """), JSON.readTree(consul.get(2).bytes()));
    }

    @Test
    void hostileButValidLabelsComeBackExactlyAsTheFileSdLabels() throws IOException {
        String fleet = Fleets.edit(withConsul(Fleets.SAMPLE, "{ server: \"consul.int.example.com:8500\" }"),
                "labels: { rack: r01, zone: az2 }",
                "labels: { rack: \"yes\", zone: \"null\", \"on\": \"0755\", 1x: \"1e3\", fleetform.dev/tier: \"true\","
                        + " a.b-c_d: \"\", host: spoofed }");
        Validation v = Fleets.validate(fleet);
        JsonNode store = JSON.readTree(ExternalTool.find(consul(v), "consul/store-01.json").bytes())
                .path("services").path(0).path("meta");
        assertEquals(new TreeMap<>(Map.of("rack", "yes", "zone", "null", "on", "0755", "_1x", "1e3",
                "fleetform_dev_tier", "true", "a_b_c_d", "", "host", "store-01", "role", "storage")), strings(store));
        assertEquals(fileSdTargets(prometheus(v)), consulTargets(consul(v)));
    }

    @Test
    void anIpv6AddressIsBareInTheServiceAndBracketedInTheCheck() throws IOException {
        String fleet = Fleets.edit(withConsul(Fleets.SAMPLE, "{}"), "address: 10.0.1.11", "address: \"fd00::11\"");
        JsonNode s = JSON.readTree(ExternalTool.find(Compiled.emit(new ConsulEmitter(), fleet), "consul/store-01.json")
                .bytes()).path("services").path(0);
        assertEquals("fd00::11", s.path("address").asText());
        assertEquals("http://[fd00::11]:9100/metrics", s.path("check").path("http").asText());
    }

    @Test
    void withAServerPrometheusDiscoversTheSameJobsThroughConsul(@TempDir Path dir) throws IOException {
        Validation v = exampleWithConsul(dir.resolve("repo"), "{ server: \"10.0.0.5:8500\", datacenter: dc1 }");
        JsonNode config = YAML.readTree(ExternalTool.find(prometheus(v), "prometheus/prometheus.yml").bytes());
        List<String> jobs = new ArrayList<>();
        for (JsonNode sc : config.path("scrape_configs")) {
            String job = sc.path("job_name").asText();
            jobs.add(job);
            // fields of Prometheus' consul_sd_config and relabel_config; the tag keeps other teams' services out
            assertEquals(YAML.readTree("""
                    job_name: %s
                    consul_sd_configs:
                      - { server: "10.0.0.5:8500", datacenter: dc1, services: [%s], tags: [fleetform] }
                    relabel_configs:
                      - { action: labelmap, regex: "__meta_consul_service_metadata_(.+)", replacement: "$1" }
                    """.formatted(job, job)), sc);
        }
        assertEquals(List.of("node", "gpu", "mongodb", "mysql", "redis"), jobs);
    }

    /**
     * promtool on the consul_sd prometheus.yml. Debian's Prometheus 2.42 (here and in CI) is built
     * without Consul discovery ("Disable Consul SD until its Debian package is back in shape" in
     * its changelog), so its promtool refuses any consul_sd_configs. With such a promtool the only
     * complaint allowed is exactly that one, once per job, and a bare probe must prove it is the
     * build and not the file; everything else (relabelling included) must then pass in the same
     * file with file_sd in place of consul_sd. A promtool with Consul discovery must pass it as is.
     */
    @Test
    void promtoolAcceptsTheConsulSdConfig(@TempDir Path dir) throws IOException {
        Validation v = exampleWithConsul(dir.resolve("repo"), "{ server: \"10.0.0.5:8500\", datacenter: dc1 }");
        Path out = ExternalTool.write(dir.resolve("out"), prometheus(v)).resolve("prometheus");
        ExternalTool.Result r = ExternalTool.run(out, "promtool", "check", "config", "prometheus.yml");
        if (r.exit() == 0) return;
        String unknown = "field consul_sd_configs not found in type config.ScrapeConfig";
        List<String> complaints = r.err().lines().map(String::trim).filter(l -> l.startsWith("line ")).toList();
        assertEquals(5, complaints.size(), r::describe);
        complaints.forEach(l -> assertTrue(l.endsWith(unknown), r::describe));
        Files.writeString(out.resolve("probe.yml"), "scrape_configs:\n  - job_name: probe\n    consul_sd_configs: []\n");
        ExternalTool.Result probe = ExternalTool.run(out, "promtool", "check", "config", "probe.yml");
        assertTrue(probe.exit() != 0 && probe.err().contains(unknown),
                () -> "promtool refuses the file but knows consul_sd_configs:\n" + r.describe() + "\n" + probe.describe());

        ObjectNode config = (ObjectNode) YAML.readTree(out.resolve("prometheus.yml").toFile());
        for (JsonNode sc : config.path("scrape_configs")) {
            ObjectNode job = (ObjectNode) sc;
            job.remove("consul_sd_configs");
            job.set("file_sd_configs", YAML.readTree("[{files: [file_sd/" + job.path("job_name").asText() + ".json]}]"));
        }
        YAML.writeValue(out.resolve("file-sd.yml").toFile(), config);
        ExternalTool.ok(out, "promtool", "check", "config", "file-sd.yml");
    }

    @Test
    void withoutAServerPrometheusKeepsFileSdByteForByte() {
        List<Artefact> off = Compiled.emit(new PrometheusEmitter(), Fleets.SAMPLE);
        List<Artefact> on = Compiled.emit(new PrometheusEmitter(), withConsul(Fleets.SAMPLE, "{}"));
        assertEquals(off.stream().map(Artefact::path).toList(), on.stream().map(Artefact::path).toList());
        for (int i = 0; i < off.size(); i++) assertArrayEquals(off.get(i).bytes(), on.get(i).bytes(), off.get(i).path());
    }

    @Test
    void offMeansNoConsulFolderAndAnUnchangedOutputTree() {
        Validation off = Fleets.validate(Fleets.SAMPLE);
        Validation on = Fleets.validate(withConsul(Fleets.SAMPLE, "{}"));
        assertEquals(List.of(), consul(off));
        EmitContext ctx = new EmitContext(Templates.builtIn());
        List<Artefact> offTree = Compiler.builtIn().compile(off.fleet(), off.index(), ctx);
        List<Artefact> onTree = Compiler.builtIn().compile(on.fleet(), on.index(), ctx);
        assertTrue(offTree.stream().noneMatch(a -> a.path().startsWith("consul/")), "consul/ without monitoring.consul");
        // turning it on adds consul/ and nothing else (the manifest lists the new files)
        Map<String, byte[]> before = new TreeMap<>();
        offTree.forEach(a -> before.put(a.path(), a.bytes()));
        for (Artefact a : onTree) {
            if (a.path().startsWith("consul/") || a.path().equals(Compiler.MANIFEST)) continue;
            assertArrayEquals(before.remove(a.path()), a.bytes(), a.path());
        }
        before.remove(Compiler.MANIFEST);
        assertEquals(Set.of(), before.keySet());
    }

    @Test
    void sameFleetSameBytes() {
        String fleet = withConsul(Fleets.SAMPLE, "{ server: \"10.0.0.5:8500\" }");
        List<Artefact> a = Compiled.emit(new ConsulEmitter(), fleet);
        List<Artefact> b = Compiled.emit(new ConsulEmitter(), fleet);
        assertEquals(a.stream().map(Artefact::path).toList(), b.stream().map(Artefact::path).toList());
        for (int i = 0; i < a.size(); i++) assertArrayEquals(a.get(i).bytes(), b.get(i).bytes(), a.get(i).path());
    }
}
