package dev.fleetform.compiler.emit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.fleetform.compiler.Validation;
import dev.fleetform.compiler.Validator;
import dev.fleetform.compiler.testing.Fleets;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The planner reads emitters' values instead of parsing their files: what it reads must be
 * exactly what parsing the bytes gives, down to each value's Java type and each map's key order.
 */
class ReadBackTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DOCUMENT_START = Pattern.compile("(?m)^---\\n");

    /** The file's documents as Jackson reads them into plain Java values. */
    private static List<Object> parsed(DataArtefact d) throws IOException {
        String text = d.artefact().text();
        List<Object> out = new ArrayList<>();
        switch (d.syntax()) {
            case JSON -> out.add(JSON.readValue(text, Object.class));
            case YAML -> out.add(YAML.readValue(text, Object.class));
            case YAML_STREAM -> {
                for (String doc : DOCUMENT_START.split(text)) if (!doc.isBlank()) out.add(YAML.readValue(doc, Object.class));
            }
        }
        return out;
    }

    /** Equal values of equal types, maps with keys in the same order. */
    private static void assertSameTree(Object expected, Object actual, String where) {
        if (expected == null || actual == null) {
            assertEquals(expected, actual, where);
            return;
        }
        assertEquals(expected.getClass(), actual.getClass(), where + " = " + expected);
        if (expected instanceof Map<?, ?> e) {
            Map<?, ?> a = (Map<?, ?>) actual;
            assertEquals(new ArrayList<>(e.keySet()), new ArrayList<>(a.keySet()), where + " keys");
            for (Object k : e.keySet()) assertSameTree(e.get(k), a.get(k), where + "." + k);
        } else if (expected instanceof List<?> e) {
            List<?> a = (List<?>) actual;
            assertEquals(e.size(), a.size(), where + " size");
            for (int i = 0; i < e.size(); i++) assertSameTree(e.get(i), a.get(i), where + "[" + i + "]");
        } else {
            assertEquals(expected, actual, where);
        }
    }

    private static void assertReadsBackAsParsed(DataArtefact d) throws IOException {
        List<Object> parsed = parsed(d);
        List<Object> read = d.readBack();
        assertEquals(parsed.size(), read.size(), d.path() + " documents");
        for (int i = 0; i < parsed.size(); i++) assertSameTree(parsed.get(i), read.get(i), d.path() + "#" + i);
    }

    private static int checkEmitters(Validation v) throws IOException {
        assertTrue(v.valid(), () -> Fleets.render(v.diagnostics()));
        int files = 0;
        for (Emitter e : Emitters.all()) {
            if (!(e instanceof DataEmitter d)) continue;
            for (DataArtefact a : d.data(v.fleet(), v.index(), new EmitContext(Templates.builtIn()))) {
                assertReadsBackAsParsed(a);
                files++;
            }
        }
        return files;
    }

    @Test
    void everyDataEmitterOutputOfTheTestFleetsReadsBackAsItsParsedFile() throws IOException {
        assertTrue(checkEmitters(Fleets.validate(Fleets.SAMPLE)) >= 10, "the sample fleet has k8s, prometheus, alertmanager and jumpserver files");
        checkEmitters(Fleets.validate(Fleets.MINIMAL));
        // consul/ files and a consul_sd prometheus.yml
        checkEmitters(Fleets.validate(Fleets.edit(Fleets.SAMPLE, "monitoring:\n  scrape:",
                "monitoring:\n  consul: { server: \"10.0.0.5:8500\", datacenter: dc1 }\n  scrape:")));
        checkEmitters(Fleets.validate(Files.readString(Path.of("src/test/resources/promtool/fleet.yaml"))));
        checkEmitters(Validator.validate(Path.of("../fleet-repo-example/fleet.yaml")));
    }

    @Test
    void stringsThatLookLikeOtherTypesStayStrings() throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < SerializersTest.TRICKY.size(); i++) m.put("v" + i, SerializersTest.TRICKY.get(i));
        for (String s : SerializersTest.TRICKY) m.put(s, "key");
        m.put("multi", "line one\nline two\n");
        m.put("multiNoEnd", "  indented\nsecond");
        assertReadsBackAsParsed(DataArtefact.yaml("x.yml", m));
        assertReadsBackAsParsed(DataArtefact.json("x.json", m));
    }

    @Test
    void numbersNullsAndKeyOrderAreThoseOfTheParsedFile() throws IOException {
        Map<String, Object> m = new HashMap<>();
        m.put("int", 7);
        m.put("smallLong", 10001L);
        m.put("bigLong", 1L << 40);
        m.put("short", (short) 3);
        m.put("double", 0.25);
        m.put("float", 0.1f);
        m.put("null", null);
        m.put("bool", false);
        m.put("set", Set.of("only"));
        m.put("array", new String[] {"a", "b"});
        m.put("nested", new TreeMap<>(Map.of("b", List.of(1, 2L), "a", Map.of())));
        m.put("zz", Arrays.asList(null, "x"));
        assertReadsBackAsParsed(DataArtefact.json("x.json", m));
        Map<String, Object> ordered = new LinkedHashMap<>(new TreeMap<>(m));
        ordered.remove("array");
        ordered.put("array", List.of("z", "a"));
        assertReadsBackAsParsed(DataArtefact.yaml("x.yml", ordered));
    }

    @Test
    void kubernetesObjectsReadBackThroughTheirOwnSerialisers() throws IOException {
        var pod = new PodBuilder().withNewMetadata().withName("p").withNamespace("n").addToLabels("a", "1").endMetadata()
                .withNewSpec().addNewContainer().withName("c").withNewResources().addToRequests("cpu", new Quantity("500m"))
                .endResources().addNewPort().withContainerPort(8080).endPort()
                .withNewReadinessProbe().withNewHttpGet().withPort(new IntOrString("http")).endHttpGet().endReadinessProbe()
                .endContainer().withNewSecurityContext().withRunAsUser(10001L).endSecurityContext().endSpec().build();
        assertReadsBackAsParsed(DataArtefact.yamlStream("k8s/x.yaml", List.of(pod, pod)));
    }
}
