package dev.fleetform.schema;

import static dev.fleetform.schema.Docs.fullFleet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * One mistake at a time, at every place of the full example fleet: the violation must speak of
 * the schema declared at that place, wherever it is. Everit reports a lone failure below a map
 * (profiles, scrape services, labels, gpuModels...) against the map's schema; these tests walk
 * every such place so that none of them says "expected a map" for {@code cores: "4"} again.
 */
class ViolationsEverywhereTest {
    private static final JsonNode FULL = fullFleet();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Every node of the full fleet by pointer, the root left out. */
    private static Map<String, JsonNode> places() {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        walk(FULL, "", out::put);
        out.remove("");
        return out;
    }

    private static void walk(JsonNode node, String pointer, BiConsumer<String, JsonNode> visit) {
        visit.accept(pointer, node);
        if (node.isObject()) {
            node.properties().forEach(e -> walk(e.getValue(), pointer + "/" + SchemaAt.escape(e.getKey()), visit));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) walk(node.get(i), pointer + "/" + i, visit);
        }
    }

    private static String typeOf(JsonNode n) {
        if (n.isTextual()) return "string";
        if (n.isIntegralNumber()) return "integer";
        if (n.isNumber()) return "number";
        if (n.isBoolean()) return "boolean";
        if (n.isObject()) return "object";
        return "array";
    }

    private static List<SchemaViolation> at(String pointer, JsonNode doc) {
        return FleetSchema.get().validate(doc).stream().filter(v -> v.pointer().equals(pointer)).toList();
    }

    @Test
    void aValueOfTheWrongTypeNamesTheTypeDeclaredThere() {
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<String, JsonNode> place : places().entrySet()) {
            JsonNode original = place.getValue();
            // a list where a scalar belongs, a string where a map or list belongs: no place allows both
            JsonNode mutant = original.isValueNode() ? NODES.arrayNode().add(1) : NODES.textNode("x");
            List<SchemaViolation> vs = at(place.getKey(), replaced(place.getKey(), mutant));
            String type = typeOf(original);
            boolean named = vs.size() == 1 && vs.getFirst().keyword().equals("type")
                    && (vs.getFirst().allowedValues().contains(type)
                    || type.equals("integer") && vs.getFirst().allowedValues().contains("number"));
            if (!named) wrong.add(place.getKey() + " (" + type + "): " + vs);
            checked++;
        }
        assertEquals(List.of(), wrong);
        assertTrue(checked > 300, "walked " + checked + " places");
    }

    /** The example: {@code cores: "4"} is the same mistake under profiles as under hosts. */
    @Test
    void aQuotedNumberIsAStringWhereAnIntegerBelongsEverywhere() {
        List<String> wrong = new ArrayList<>();
        int integerOnly = 0;
        for (Map.Entry<String, JsonNode> place : places().entrySet()) {
            if (!place.getValue().isIntegralNumber()) continue;
            List<SchemaViolation> vs = at(place.getKey(), replaced(place.getKey(), NODES.textNode(place.getValue().asText())));
            if (vs.isEmpty()) continue; // a sysctl or limit value may be a string too
            integerOnly++;
            SchemaViolation v = vs.getFirst();
            if (vs.size() != 1 || !v.message().startsWith("expected an integer, found the string")) {
                wrong.add(place.getKey() + ": " + vs);
            }
        }
        assertEquals(List.of(), wrong);
        assertTrue(integerOnly > 20, integerOnly + " integer places");
        SchemaViolation cores = at("/profiles/gpu-a100x2/hardware/cpu/cores",
                replaced("/profiles/gpu-a100x2/hardware/cpu/cores", NODES.textNode("4"))).getFirst();
        assertEquals("expected an integer, found the string '4'", cores.message());
        SchemaViolation port = at("/monitoring/scrape/services/mysql/port",
                replaced("/monitoring/scrape/services/mysql/port", NODES.textNode("9104"))).getFirst();
        assertEquals("expected an integer, found the string '9104'", port.message());
    }

    @Test
    void anUnknownKeyListsTheKeysAllowedInItsObject() {
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, JsonNode> place : places().entrySet()) {
            if (!(place.getValue() instanceof ObjectNode object) || object.isEmpty()) continue;
            List<String> present = new ArrayList<>();
            object.fieldNames().forEachRemaining(present::add);
            String pointer = place.getKey() + "/zzz";
            ObjectNode mutant = object.deepCopy().put("zzz", 1);
            List<SchemaViolation> vs = at(pointer, replaced(place.getKey(), mutant));
            // a map (name -> value) may take the key; then only the value can be wrong
            if (vs.size() == 1 && !vs.getFirst().keyword().equals("additionalProperties")) continue;
            if (vs.size() != 1 || !vs.getFirst().allowedKeys().containsAll(present)) {
                wrong.add(pointer + " (beside " + present + "): " + vs);
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void aBadKeyOfAMapIsReportedAsAKeyNotAsItsValue() {
        List<String> wrong = new ArrayList<>();
        int maps = 0;
        for (Map.Entry<String, JsonNode> place : places().entrySet()) {
            if (!(place.getValue() instanceof ObjectNode object) || object.isEmpty()) continue;
            String first = object.fieldNames().next();
            ObjectNode mutant = NODES.objectNode();
            object.properties().forEach(e -> mutant.set(e.getKey().equals(first) ? "Bad Key!" : e.getKey(), e.getValue()));
            List<SchemaViolation> vs = at(place.getKey() + "/Bad Key!", replaced(place.getKey(), mutant));
            boolean unknown = vs.size() == 1 && vs.getFirst().keyword().equals("additionalProperties");
            boolean badKey = !vs.isEmpty() && vs.stream().allMatch(v -> v.keyword().equals("propertyNames")
                    && v.message().startsWith("key 'Bad Key!' is not a valid "));
            if (badKey) maps++;
            if (!unknown && !badKey) wrong.add(place.getKey() + ": " + vs);
        }
        assertEquals(List.of(), wrong);
        assertTrue(maps > 10, maps + " maps");
    }

    @Test
    void aMissingKeyIsNamed() {
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, JsonNode> place : places().entrySet()) {
            if (!(place.getValue() instanceof ObjectNode object)) continue;
            object.fieldNames().forEachRemaining(key -> {
                ObjectNode mutant = object.deepCopy();
                mutant.remove(key);
                for (SchemaViolation v : at(place.getKey(), replaced(place.getKey(), mutant))) {
                    // a conditional requirement says what to do in its own words, naming the key
                    if (v.keyword().equals("required") && !v.message().contains(key)) {
                        wrong.add(place.getKey() + " without " + key + ": " + v);
                    }
                }
            });
        }
        assertEquals(List.of(), wrong);
    }

    private static JsonNode replaced(String pointer, JsonNode value) {
        JsonNode copy = FULL.deepCopy();
        JsonPointer p = JsonPointer.compile(pointer);
        JsonNode parent = copy.at(p.head());
        if (parent instanceof ObjectNode o) o.set(p.last().getMatchingProperty(), value);
        else ((ArrayNode) parent).set(p.last().getMatchingIndex(), value);
        return copy;
    }
}
