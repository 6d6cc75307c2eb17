package dev.fleetform.compiler.emit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.fleetform.compiler.work.Workers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Strings that YAML readers take for something else must come back as the same strings, read by
 * Jackson (YAML 1.1 resolver) and by Ansible (PyYAML, the strictest YAML 1.1 reader we feed).
 */
class SerializersTest {

    static final List<String> TRICKY = List.of(
            "yes", "No", "ON", "off", "y", "N", "true", "False", "null", "Null", "~", "",
            "0755", "0x1F", "0o17", "0b101", "1_000", "1:20", "12:30:00", "2001-12-14", "2001-12-14 21:59:43.10 -5",
            ".inf", "-.inf", ".NaN", "1e3", "+1", "-1", "1.", "1.10", "=", "<<",
            "* star", "*star", "& anchor", "! tag", "%x", "@x", "`x", "# hash", "#hash", "- dash", "-", "? q", ": colon",
            "a: b", "a #b", "'single'", "\"double\"", "<a&b>", "{x}", "[x", "| pipe", "> fold", "--- doc", "...",
            " lead", "trail ", "back\\slash", "tab\there", "ünïcødé");

    private static Map<String, Object> vars() {
        Map<String, Object> vars = new LinkedHashMap<>();
        for (int i = 0; i < TRICKY.size(); i++) vars.put("v" + i, TRICKY.get(i));
        Map<String, Object> keys = new LinkedHashMap<>();
        for (String s : TRICKY) keys.put(s, "key");
        vars.put("keys", keys);
        return vars;
    }

    private static void assertRoundTrip(JsonNode read) {
        for (int i = 0; i < TRICKY.size(); i++) {
            JsonNode v = read.path("v" + i);
            assertTrue(v.isTextual(), "v" + i + " '" + TRICKY.get(i) + "' read back as " + v.getNodeType() + " " + v);
            assertEquals(TRICKY.get(i), v.textValue());
        }
        List<String> keys = new java.util.ArrayList<>();
        read.path("keys").fieldNames().forEachRemaining(keys::add);
        // ansible-inventory prints keys sorted: compare them as sets.
        assertEquals(TRICKY.stream().sorted().toList(), keys.stream().sorted().toList());
    }

    @Test
    void jacksonReadsBackTheSameStrings() throws Exception {
        assertRoundTrip(new YAMLMapper().readTree(Serializers.yaml(vars())));
    }

    @Test
    void ansibleReadsBackTheSameStrings(@TempDir Path dir) throws Exception {
        Map<String, Object> inventory = Map.of("all", Map.of("hosts", Map.of("h1", vars())));
        Files.writeString(dir.resolve("inventory.yml"), Serializers.yaml(inventory));
        String listed = ExternalTool.ansibleInventory(dir, "inventory.yml");
        assertRoundTrip(new ObjectMapper().readTree(listed).path("_meta").path("hostvars").path("h1"));
    }

    @Test
    void jsonIsSortedAndEndsWithANewline() {
        assertEquals("{\n  \"a\" : 1,\n  \"b\" : \"x\"\n}\n", Serializers.json(new java.util.TreeMap<>(Map.of("b", "x", "a", 1))));
    }

    @Test
    void aLargeDocumentSerialisedInParallelChunksGivesTheSameBytes() {
        Map<String, Object> hosts = new LinkedHashMap<>();
        for (int i = 0; i < 3000; i++) {
            Map<String, Object> v = vars();
            v.put("multi", "line one\nline two\n\n  indented\n");
            v.put("empty", Map.of());
            v.put("none", List.of());
            v.put("nothing", null);
            v.put("n", i);
            v.put("list", List.of(Map.of("a", i), List.of("x", "yes"), "z"));
            hosts.put(i % 7 == 0 ? "yes-" + i : "h" + i, v);
        }
        Map<String, Object> groups = new java.util.TreeMap<>();
        for (int g = 0; g < 40; g++) {
            Map<String, Object> members = new LinkedHashMap<>();
            for (int i = g; i < 3000; i += 1 + g) members.put("h" + i, null);
            groups.put("g" + g, Map.of("hosts", members));
        }
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("vars", vars());
        all.put("hosts", hosts);
        all.put("yes", Map.of("nested", hosts));     // a parent key that must be quoted
        all.put("empty", Map.of());                   // a split mapping with nothing to split
        all.put("children", groups);
        Map<String, Object> doc = Map.of("all", all);
        java.util.Set<List<String>> split = java.util.Set.of(List.of("all", "hosts"), List.of("all", "children"),
                List.of("all", "yes", "nested"), List.of("all", "empty"), List.of("absent"));
        try (Workers workers = Workers.of(4)) {
            assertEquals(Serializers.yaml(doc), new String(Serializers.yamlBytes(doc, split, workers), StandardCharsets.UTF_8));
        }
    }

    @Test
    void bytesAreTheUtf8OfTheText() {
        Map<String, Object> doc = vars();
        assertArrayEquals(Serializers.yaml(doc).getBytes(StandardCharsets.UTF_8), Serializers.yamlBytes(doc));
        assertArrayEquals(Serializers.json(doc).getBytes(StandardCharsets.UTF_8), Serializers.jsonBytes(doc));
    }

    @Test
    void aStreamIsEachDocumentAfterADashLine() {
        List<Object> docs = List.of(vars(), List.of("a", "--- doc", "..."), Map.of("k", "v"), "plain", vars());
        StringBuilder oneByOne = new StringBuilder();
        for (Object d : docs) oneByOne.append("---\n").append(Serializers.yaml(d));
        assertEquals(oneByOne.toString(), new String(Serializers.yamlStreamBytes(docs), StandardCharsets.UTF_8));
        assertEquals(0, Serializers.yamlStreamBytes(List.of()).length, "no documents, no bytes");
    }
}
