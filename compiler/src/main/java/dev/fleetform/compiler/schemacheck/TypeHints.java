package dev.fleetform.compiler.schemacheck;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fleetform.schema.SchemaViolation;

/**
 * Hints for values of the wrong type. Most come from YAML typing a scalar other than meant:
 * {@code metadata: 1.2} is a number, {@code "16"} a string, and the loader keeps {@code yes/no/on/off}
 * as strings rather than guess booleans.
 */
final class TypeHints {
    private TypeHints() {
    }

    static String hint(SchemaViolation v, JsonNode found) {
        boolean wantsString = v.allowedValues().contains("string");
        boolean wantsNumber = v.allowedValues().contains("integer") || v.allowedValues().contains("number");
        boolean wantsBoolean = v.allowedValues().contains("boolean");
        if (wantsString && (found.isNumber() || found.isBoolean())) {
            return "quote it: \"" + found.asText() + "\" (YAML reads it unquoted as a "
                    + (found.isNumber() ? "number" : "boolean") + ")";
        }
        if (wantsNumber && found.isTextual() && isNumeric(found.textValue())) {
            return "write the number without quotes";
        }
        if (wantsBoolean && found.isTextual()) {
            return "write true or false";
        }
        return v.description();
    }

    private static boolean isNumeric(String s) {
        if (s.isEmpty()) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < '0' || c > '9') && c != '.' && !(i == 0 && c == '-')) return false;
        }
        return true;
    }
}
