package dev.fleetform.compiler.emit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.fleetform.compiler.Validation;
import dev.fleetform.compiler.Validator;
import dev.fleetform.compiler.testing.Fleets;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link FastYamlGenerator}, through {@link Serializers}, writes the same bytes as Jackson's
 * YAMLGenerator over SnakeYAML configured as Serializers configures it ({@link Serializers#YAML}):
 * for random documents of hostile strings, for every YAML file the compiler writes for the example
 * fleet, the hostile and the valid gallery fleets, and for streams of Kubernetes objects. What it
 * writes also reads back as the value written.
 */
class FastYamlGeneratorTest {

    /** Strings a YAML writer must quote, escape or write in a block, in pieces to combine. */
    private static final List<String> HOSTILE = List.of(
            "a", "host-01", "10.0.0.1", "/dev/sda", "node-role.kubernetes.io/gpu", "nvidia/cuda:12.2", "x y",
            "\"", "'", "\\", "<&>", "yes", "on", "No", "null", "~", "true", "0755", "0x1F", "1_000", "1:20", ".inf",
            "=", "<<", "-1", "+1", "1.5", "1e3", "0", "00", "0_1", "*", "#", "- ", "? ", "?", "!", "%", "@", "`", "&",
            "|", ">", ",", "[", "]", "{", "}", ":", ": ", " #", "#x", "x#", "x:", "a:b", "\t", "\n", "\r", "\r\n", " ",
            "  ", "ü", "ünï", "€", "😀", "\u0085", "\u2028", "\u2029", "\u00a0", "\ufeff", "\u0000", "\u0007", "\u001b",
            "\u007f", "\ud800", "---", "...", "--- x", "... y", "x\n", "\n\n", " x", "x ", "key: value", "a #b");

    private static final ObjectMapper READ = new ObjectMapper(new YAMLFactory());
    private static final Path EXAMPLES = Path.of(System.getProperty("fleetform.repoRoot", ".."), "fleet-repo-example");

    record Item(String name, int count, long big, Double ratio, boolean on, List<Object> tags, Map<String, Object> extra) {
    }

    /** The SnakeYAML writer's bytes for a document. */
    private static byte[] snakeYaml(Object value) throws IOException {
        return Serializers.YAML.writeValueAsBytes(value);
    }

    /** The SnakeYAML writer's bytes for a stream: one generator, as Serializers wrote streams before. */
    private static byte[] snakeYamlStream(List<?> values) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("---\n".getBytes(StandardCharsets.UTF_8));
        try (SequenceWriter docs = Serializers.YAML.writeValues(out)) {
            for (Object v : values) docs.write(v);
        }
        return out.toByteArray();
    }

    private static void assertSameYaml(byte[] expected, byte[] actual, String what) {
        assertEquals(new String(expected, StandardCharsets.UTF_8), new String(actual, StandardCharsets.UTF_8), what);
    }

    // ---- random documents

    /** Random documents: nested maps, lists and records of scalars, strings from an alphabet of pieces. */
    private record RandomValues(Random r, List<String> alphabet, boolean decimals) {

        String string() {
            StringBuilder sb = new StringBuilder();
            int pieces = 1 + r.nextInt(r.nextInt(10) == 0 ? 40 : 4);
            for (int i = 0; i < pieces; i++) sb.append(alphabet.get(r.nextInt(alphabet.size())));
            if (r.nextInt(20) == 0) sb.append("x".repeat(120 + r.nextInt(20))); // keys of 128 characters or more are explicit
            return r.nextInt(15) == 0 ? "" : sb.toString();
        }

        Object scalar() {
            return switch (r.nextInt(16)) {
                case 0 -> null;
                case 1 -> r.nextBoolean();
                case 2 -> r.nextInt(2001) - 1000;
                case 3 -> r.nextLong();
                case 4 -> r.nextDouble() * 1e6 - 5e5;
                case 5 -> (float) r.nextGaussian();
                case 6 -> decimals ? new BigDecimal(BigInteger.valueOf(r.nextLong()), r.nextInt(20) - 10) : r.nextDouble();
                case 7 -> BigInteger.valueOf(r.nextLong()).shiftLeft(70);
                default -> string();
            };
        }

        Object value(int depth) {
            int kind = depth >= 4 ? 0 : r.nextInt(depth == 0 ? 3 : 6);
            return switch (kind) {
                case 1 -> map(depth);
                case 2 -> list(depth);
                case 3 -> new Item(string(), r.nextInt(), r.nextLong(), r.nextBoolean() ? null : r.nextDouble(),
                        r.nextBoolean(), list(depth), map(depth));
                default -> scalar();
            };
        }

        Map<String, Object> map(int depth) {
            Map<String, Object> m = new LinkedHashMap<>();
            int n = r.nextInt(6);
            for (int i = 0; i < n; i++) m.put(string(), value(depth + 1));
            return m;
        }

        List<Object> list(int depth) {
            List<Object> l = new ArrayList<>();
            int n = r.nextInt(6);
            for (int i = 0; i < n; i++) l.add(value(depth + 1));
            return l;
        }

        Object document() {
            return r.nextInt(4) == 0 ? list(0) : map(0);
        }
    }

    private static RandomValues hostile(long seed) {
        return new RandomValues(new Random(seed), HOSTILE, true);
    }

    @Test
    void randomDocumentsOfHostileStringsAreWrittenByteForByteAsSnakeYamlWritesThem() throws IOException {
        RandomValues random = hostile(20261122);
        for (int i = 0; i < 5000; i++) {
            Object doc = random.document();
            assertSameYaml(snakeYaml(doc), Serializers.yamlBytes(doc), "document " + i + ": " + doc);
        }
    }

    @Test
    void randomStreamsAreWrittenByteForByteAsSnakeYamlWritesThem() throws IOException {
        RandomValues random = hostile(7);
        for (int i = 0; i < 1000; i++) {
            List<Object> docs = new ArrayList<>();
            int n = 1 + random.r().nextInt(4);
            for (int d = 0; d < n; d++) docs.add(random.document());
            assertSameYaml(snakeYamlStream(docs), Serializers.yamlStreamBytes(docs), "stream " + i + ": " + docs);
        }
    }

    @Test
    void edgeCasesOfStructureAndStyleAreWrittenAsSnakeYamlWritesThem() throws IOException {
        List<Object> docs = List.of(
                Map.of(), List.of(), Map.of("a", Map.of()), Map.of("a", List.of()), List.of(List.of(), Map.of()),
                List.of(List.of(List.of("x", Map.of("k", List.of(Map.of("a", 1, "b", List.of()))))), "y"),
                Map.of("", "empty key", "x".repeat(127), 1, "x".repeat(128), Map.of("deep", List.of("v"))),
                Map.of("multi\nline key", List.of(Map.of("k", "v")), "nel\u0085key", Map.of("k", "x\ny")),
                Map.of("keep", "a\n\n", "strip", "a", "clip", "a\n", "lead", "  a\nb", "crlf", "a\r\nb", "trail", "a \nb"),
                List.of("a\n\n", Map.of("k", List.of(" x\n", "\n", "\n\n"))),
                Map.of("binary", "fleetform".getBytes(StandardCharsets.UTF_8), "long", List.of(new byte[200])));
        for (Object doc : docs) assertSameYaml(snakeYaml(doc), Serializers.yamlBytes(doc), doc.toString());
        // a block that keeps its line breaks ends its document with "..."
        List<Object> stream = List.of(Map.of("a", "x\n\n"), List.of("y\n\n"), Map.of("b", 1));
        assertSameYaml(snakeYamlStream(stream), Serializers.yamlStreamBytes(stream), "open-ended documents");
    }

    @Test
    void scalarDocumentsAreWrittenAsSnakeYamlWritesThem() throws IOException {
        List<Object> scalars = new ArrayList<>(List.of("plain", "", "yes", "a\nb", "x\n\n", 42, -1.5, true));
        scalars.add(null);
        for (Object s : scalars) assertSameYaml(snakeYaml(s), Serializers.yamlBytes(s), String.valueOf(s));
    }

    /**
     * Without what SnakeYAML itself does not write so that it reads back (and so neither does this
     * writer): U+0085, U+2028 and U+2029 in plain and single-quoted scalars (readers fold them), a
     * byte order mark, an unpaired surrogate, and decimals without a fraction (read as integers).
     */
    @Test
    void whatIsWrittenReadsBackAsTheValue() throws IOException {
        List<String> readable = HOSTILE.stream()
                .filter(s -> s.codePoints().noneMatch(c -> c == 0x85 || c == 0x2028 || c == 0x2029 || c == 0xfeff
                        || (c >= 0xd800 && c <= 0xdfff)))
                .toList();
        RandomValues random = new RandomValues(new Random(99), readable, false);
        for (int i = 0; i < 500; i++) {
            Object doc = random.document();
            String yaml = Serializers.yaml(doc);
            assertEquals(ReadBack.yaml(doc), READ.readValue(yaml, Object.class), "document " + i + ":\n" + yaml);
        }
    }

    // ---- what the compiler writes

    /** The gallery of broken fleets, of which those valid with warnings compile. */
    private static List<Validation> galleryFleets() throws IOException {
        try (Stream<Path> gallery = Files.list(EXAMPLES.resolve("broken"))) {
            return gallery.filter(p -> p.toString().endsWith(".yaml")).sorted().map(Validator::validate)
                    .filter(v -> v.valid() && v.fleet() != null).toList();
        }
    }

    @Test
    void everyYamlFileOfTheExampleHostileAndGalleryFleetsIsWrittenAsSnakeYamlWritesIt() throws IOException {
        List<Validation> fleets = new ArrayList<>(List.of(Validator.validate(EXAMPLES.resolve("fleet.yaml")),
                Fleets.validate(Fleets.SAMPLE), Fleets.validate(EmitterInjectionTest.FLEET)));
        for (Validation v : fleets) assertTrue(v.valid() && v.fleet() != null, Fleets.render(v.diagnostics()));
        List<Validation> gallery = galleryFleets();
        assertTrue(!gallery.isEmpty(), "the gallery has fleets valid with warnings");
        fleets.addAll(gallery);
        int files = 0;
        for (Validation v : fleets) {
            EmitContext ctx = new EmitContext(Templates.builtIn());
            for (Emitter emitter : Emitters.all()) {
                if (emitter instanceof DataEmitter data) {
                    for (DataArtefact a : data.data(v.fleet(), v.index(), ctx)) {
                        if (a.syntax() == DataArtefact.Syntax.JSON) continue;
                        files++;
                        assertSameYaml(snakeYaml(a), a.artefact().bytes(), a.path());
                    }
                } else {
                    for (Artefact a : emitter.emit(v.fleet(), v.index(), ctx)) {
                        if (!a.path().endsWith(".yml") && !a.path().endsWith(".yaml")) continue;
                        files++;
                        // not built from values here: what SnakeYAML writes for the document read back
                        Object doc = READ.readValue(a.bytes(), Object.class);
                        assertSameYaml(snakeYaml(doc), a.bytes(), a.path());
                    }
                }
            }
        }
        assertTrue(files >= 10 * fleets.size(), files + " YAML files");
    }

    /** A data artefact as DataArtefact writes it, with the SnakeYAML writer. */
    private static byte[] snakeYaml(DataArtefact a) throws IOException {
        if (a.syntax() == DataArtefact.Syntax.YAML_STREAM && a.header().isEmpty()) return snakeYamlStream(a.values());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a.header().getBytes(StandardCharsets.UTF_8));
        for (Object v : a.values()) {
            if (a.syntax() == DataArtefact.Syntax.YAML_STREAM) out.writeBytes("---\n".getBytes(StandardCharsets.UTF_8));
            out.writeBytes(snakeYaml(v));
        }
        return out.toByteArray();
    }

    @Test
    void streamsOfKubernetesObjectsAreWrittenAsSnakeYamlWritesThem() throws IOException {
        RandomValues random = hostile(3);
        List<HasMetadata> objects = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String[] s = {random.string(), random.string(), random.string(), random.string(), random.string()};
            objects.add(new NodeBuilder()
                    .withNewMetadata().withName("gpu-" + i).addToLabels("fleetform.dev/pool", s[0])
                    .addToLabels("zone", "on").addToAnnotations("note", s[1]).endMetadata()
                    .withNewSpec().withUnschedulable(i % 3 == 0).addNewTaint().withKey("nvidia.com/gpu")
                    .withValue(s[2]).withEffect("NoSchedule").endTaint().endSpec()
                    .build());
            objects.add(new DeploymentBuilder()
                    .withNewMetadata().withName("miner-" + i).withNamespace("mining").endMetadata()
                    .withNewSpec().withReplicas(i % 4).withNewSelector().addToMatchLabels("app", "miner").endSelector()
                    .withNewTemplate().withNewMetadata().addToLabels("app", "miner").endMetadata()
                    .withNewSpec().addNewContainer().withName("miner").withImage("ore/miner:1.2")
                    .withArgs("--pool", s[3], "--threads=4")
                    .addNewEnv().withName("WALLET").withValue(s[4]).endEnv()
                    .withNewResources().addToLimits("nvidia.com/gpu", new Quantity("1"))
                    .addToRequests("memory", new Quantity("512Mi")).endResources()
                    .endContainer().endSpec().endTemplate().endSpec()
                    .build());
        }
        assertSameYaml(snakeYamlStream(objects), Serializers.yamlStreamBytes(objects), "nodes and deployments");
    }
}
