package dev.fleetform.schema;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Test fleet documents: the full example, and copies of it with one value changed or removed. */
final class Docs {
    static final ObjectMapper YAML = new YAMLMapper();

    private Docs() {
    }

    static JsonNode yaml(String text) {
        try {
            return YAML.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every example of FLEET-FORMAT.md in one valid document. */
    static JsonNode fullFleet() {
        try (InputStream in = Docs.class.getResourceAsStream("/full-fleet.yaml")) {
            return YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy of {@code doc} with the value at {@code pointer} set to the YAML {@code value} (added if absent). */
    static JsonNode with(JsonNode doc, String pointer, String value) {
        JsonNode copy = doc.deepCopy();
        JsonPointer p = JsonPointer.compile(pointer);
        JsonNode parent = copy.at(p.head());
        JsonNode v = yaml("v: " + value).get("v");
        if (parent instanceof ObjectNode o) {
            o.set(p.last().getMatchingProperty(), v);
        } else if (parent instanceof ArrayNode a) {
            int i = p.last().getMatchingIndex();
            if (i < a.size()) a.set(i, v); else a.add(v);
        } else {
            throw new IllegalArgumentException("no object or list at " + p.head());
        }
        return copy;
    }

    /** A copy of {@code doc} without the keys at {@code pointers}. */
    static JsonNode without(JsonNode doc, String... pointers) {
        JsonNode copy = doc.deepCopy();
        for (String pointer : pointers) {
            JsonPointer p = JsonPointer.compile(pointer);
            ((ObjectNode) copy.at(p.head())).remove(p.last().getMatchingProperty());
        }
        return copy;
    }
}
