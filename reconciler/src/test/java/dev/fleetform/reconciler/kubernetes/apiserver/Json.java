package dev.fleetform.reconciler.kubernetes.apiserver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/** The JSON tree helpers the write path needs; every object here is a plain Jackson tree. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {
    }

    static ObjectNode parse(String json) {
        try {
            JsonNode node = MAPPER.readTree(json);
            return node instanceof ObjectNode object ? object : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The object at {@code name}, created when missing (or when something else is there). */
    static ObjectNode object(ObjectNode parent, String name) {
        JsonNode child = parent.get(name);
        if (child instanceof ObjectNode object) {
            return object;
        }
        return parent.putObject(name);
    }

    /** The object at {@code name}, or null: for walking what a request holds without creating. */
    static ObjectNode objectOrNull(JsonNode parent, String name) {
        return parent != null && parent.get(name) instanceof ObjectNode object ? object : null;
    }

    static ArrayNode arrayOrNull(JsonNode parent, String name) {
        return parent != null && parent.get(name) instanceof ArrayNode array ? array : null;
    }

    static void putIfAbsent(ObjectNode object, String name, JsonNode value) {
        JsonNode present = object.get(name);
        if (present == null || present.isNull()) {
            object.set(name, value);
        }
    }

    static void putIfAbsent(ObjectNode object, String name, String value) {
        putIfAbsent(object, name, NODES.textNode(value));
    }

    static void putIfAbsent(ObjectNode object, String name, int value) {
        putIfAbsent(object, name, NODES.numberNode(value));
    }

    static String text(JsonNode node, String... path) {
        JsonNode at = node;
        for (String name : path) {
            if (at == null) {
                return null;
            }
            at = at.get(name);
        }
        return at == null || at.isNull() ? null : at.asText();
    }
}
