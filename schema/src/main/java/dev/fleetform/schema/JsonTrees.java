package dev.fleetform.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.json.JSONArray;
import org.json.JSONObject;

/** Converts a Jackson tree to the org.json values everit validates, by walking it (no text round trip). */
final class JsonTrees {
    private JsonTrees() {
    }

    static Object toOrgJson(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> object(node);
            case ARRAY -> array(node);
            case STRING -> node.textValue();
            case BOOLEAN -> node.booleanValue();
            case NUMBER -> number(node);
            case NULL, MISSING -> JSONObject.NULL;
            case BINARY, POJO -> node.asText();
        };
    }

    private static JSONObject object(JsonNode node) {
        JSONObject out = new JSONObject();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            out.put(e.getKey(), toOrgJson(e.getValue()));
        }
        return out;
    }

    private static JSONArray array(JsonNode node) {
        JSONArray out = new JSONArray();
        for (JsonNode item : node) {
            out.put(toOrgJson(item));
        }
        return out;
    }

    private static Object number(JsonNode node) {
        if (node.isInt()) return node.intValue();
        if (node.isLong()) return node.longValue();
        if (node.isBigInteger()) return node.bigIntegerValue();
        if (node.isBigDecimal()) return node.decimalValue();
        double d = node.doubleValue();
        // org.json refuses NaN and infinities (YAML .nan/.inf); as text they fail "type: number" readably
        return Double.isFinite(d) ? d : node.asText();
    }
}
