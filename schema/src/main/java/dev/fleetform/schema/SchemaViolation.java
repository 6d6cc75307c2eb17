package dev.fleetform.schema;

import java.util.List;

/**
 * One place where a fleet document breaks fleet.schema.json, already reduced to a leaf.
 *
 * @param pointer       RFC 6901 pointer without {@code #} ({@code /hosts/3/vms/0}); for
 *                      {@code additionalProperties} the unknown key itself, for {@code required} the object
 * @param keyword       the JSON Schema keyword that failed ({@code type}, {@code pattern}, {@code required}, ...)
 * @param message       a sentence without the location, e.g. {@code missing required key 'address'}
 * @param unknownKey    for {@code additionalProperties}: the key that is not allowed, else null
 * @param allowedKeys   for {@code additionalProperties}: the keys that object allows, sorted; else empty
 * @param allowedValues for {@code enum}: the allowed values as written in YAML; for {@code type}:
 *                      the JSON Schema type names allowed ({@code string}, {@code integer}, ...); else empty
 * @param title         short name of what was expected ({@code device path}), or null
 * @param description   the schema's words for what is allowed (for {@code pattern}), or for
 *                      {@code required} what the missing key is for; null when the schema says nothing
 */
public record SchemaViolation(
        String pointer,
        String keyword,
        String message,
        String unknownKey,
        List<String> allowedKeys,
        List<String> allowedValues,
        String title,
        String description) {

    public SchemaViolation {
        allowedKeys = List.copyOf(allowedKeys);
        allowedValues = List.copyOf(allowedValues);
    }
}
