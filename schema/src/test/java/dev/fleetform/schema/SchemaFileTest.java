package dev.fleetform.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.everit.json.schema.loader.SchemaLoader;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

/** fleet.schema.json itself: valid draft-07, self-contained, closed, and documented for editors. */
class SchemaFileTest {
    private static final JsonNode SCHEMA = read();

    private static JsonNode read() {
        try {
            return new ObjectMapper().readTree(FleetSchema.json());
        } catch (Exception e) {
            throw new AssertionError("fleet.schema.json is not JSON", e);
        }
    }

    @Test
    void declaresDraft07AndItsId() {
        assertEquals("http://json-schema.org/draft-07/schema#", SCHEMA.get("$schema").asText());
        assertEquals("https://fleetform.dev/schema/fleet.schema.json", SCHEMA.get("$id").asText());
    }

    @Test
    void loadsWithEverit() {
        // every $ref resolves; a remote one would hit LocalSchemaClient and fail here
        SchemaLoader.builder().draftV7Support().schemaClient(new LocalSchemaClient())
                .schemaJson(new JSONObject(FleetSchema.json())).build().load().build();
    }

    @Test
    void aRemoteRefIsRefusedNotFetched() {
        JSONObject remote = new JSONObject("""
                {"$schema": "http://json-schema.org/draft-07/schema#",
                 "properties": {"a": {"$ref": "https://example.com/evil.json"}}}""");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SchemaLoader.builder()
                .draftV7Support().schemaClient(new LocalSchemaClient()).schemaJson(remote).build().load().build());
        assertTrue(e.getMessage().contains("https://example.com/evil.json"), e.getMessage());
    }

    @Test
    void everyRefIsLocalAndEveryDefinitionIsUsed() {
        List<String> refs = new ArrayList<>();
        walk(SCHEMA, "", (node, path) -> {
            if (node.has("$ref")) refs.add(node.get("$ref").asText());
        });
        TreeSet<String> unused = new TreeSet<>();
        SCHEMA.get("definitions").fieldNames().forEachRemaining(unused::add);
        for (String ref : refs) {
            assertTrue(ref.startsWith("#/definitions/"), "not a local ref: " + ref);
            String name = ref.substring("#/definitions/".length());
            assertTrue(SCHEMA.get("definitions").has(name), "dangling ref: " + ref);
            unused.remove(name);
        }
        assertEquals(new TreeSet<>(), unused, "definitions nothing refers to");
    }

    @Test
    void everyPropertyHasADescription() {
        List<String> missing = new ArrayList<>();
        walk(SCHEMA, "", (node, path) -> {
            JsonNode props = node.get("properties");
            if (props == null || !props.isObject()) return;
            for (Map.Entry<String, JsonNode> p : props.properties()) {
                JsonNode d = p.getValue().get("description");
                if (d == null || d.asText().isBlank()) missing.add(path + "/properties/" + p.getKey());
            }
        });
        assertEquals(List.of(), missing, "properties without a description");
    }

    @Test
    void everyObjectIsClosed() {
        List<String> open = new ArrayList<>();
        walk(SCHEMA, "", (node, path) -> {
            boolean isObject = node.path("type").asText().equals("object") || node.has("properties");
            if (!isObject) return;
            JsonNode ap = node.get("additionalProperties");
            boolean closed = ap != null && ap.isBoolean() && !ap.booleanValue();
            // a map (name -> value) is closed by checking its keys and its values instead
            boolean map = ap != null && ap.isObject() && node.has("propertyNames") && !node.has("properties");
            if (!closed && !map) open.add(path);
        });
        assertEquals(List.of(), open, "objects that allow unknown keys");
    }

    @Test
    void everyPatternIsAnchoredAndCompilesInJavaAndRe2j() {
        List<String> bad = new ArrayList<>();
        walk(SCHEMA, "", (node, path) -> {
            JsonNode p = node.get("pattern");
            if (p == null || !p.isTextual()) return;
            String regex = p.asText();
            if (!regex.startsWith("^") || !regex.endsWith("$")) bad.add(path + ": not anchored");
            try {
                Pattern.compile(regex);
                com.google.re2j.Pattern.compile(regex);
            } catch (RuntimeException e) {
                bad.add(path + ": " + e.getMessage());
            }
        });
        assertEquals(List.of(), bad);
    }

    @Test
    void everyDefinitionWithAPatternExplainsItInWords() {
        List<String> bare = new ArrayList<>();
        for (Map.Entry<String, JsonNode> d : SCHEMA.get("definitions").properties()) {
            if (d.getValue().has("pattern") && !(d.getValue().has("title") && d.getValue().has("description"))) {
                bare.add(d.getKey());
            }
        }
        assertEquals(List.of(), bare, "patterns users would see as a bare regex");
    }

    /**
     * Every number of the format has a maximum, and its description says it: no value can
     * overflow an int downstream, and an editor shows the limit. A duration is never a number
     * (its number types only let ALERT-FOR say so), so it has none.
     */
    @Test
    void everyNumberHasAMaximumItsDescriptionStates() {
        List<String> unbounded = new ArrayList<>();
        walk(SCHEMA, "", (node, path) -> {
            JsonNode type = node.get("type");
            if (type == null || path.equals("/definitions/duration")) return;
            boolean numeric = type.isArray()
                    ? type.toString().contains("\"integer\"") || type.toString().contains("\"number\"")
                    : type.asText().equals("integer") || type.asText().equals("number");
            if (!numeric) return;
            JsonNode max = node.get("maximum");
            if (max == null && !node.has("enum")) {
                unbounded.add(path + ": no maximum");
            } else if (max != null && !node.path("description").asText().contains(max.asText())) {
                unbounded.add(path + ": the description does not say the maximum " + max.asText());
            }
        });
        assertEquals(List.of(), unbounded);
    }

    interface Visitor {
        void visit(JsonNode node, String path);
    }

    private static void walk(JsonNode node, String path, Visitor v) {
        if (node.isObject()) {
            v.visit(node, path);
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                if (e.getKey().equals("enum") || e.getKey().equals("default") || e.getKey().equals("required")) continue;
                walk(e.getValue(), path + "/" + e.getKey(), v);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) walk(node.get(i), path + "/" + i, v);
        }
    }
}
