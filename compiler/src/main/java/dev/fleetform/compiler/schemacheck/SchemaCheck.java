package dev.fleetform.compiler.schemacheck;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fleetform.compiler.diag.Diagnostics;
import dev.fleetform.compiler.diag.DidYouMean;
import dev.fleetform.compiler.load.SourceMap;
import dev.fleetform.compiler.secret.SecretShape;
import dev.fleetform.schema.FleetSchema;
import dev.fleetform.schema.SchemaViolation;

import java.util.Set;

/**
 * The schema stage: every violation of fleet.schema.json becomes an error at the line to edit,
 * saying in words what is wrong and what is allowed (never a bare regex).
 *
 * <p>Rule ids: {@value #UNKNOWN_KEY}, {@value #REQUIRED}, {@value #TYPE}, {@value #PATTERN},
 * {@value #ENUM}, {@value #RANGE}, {@value #LENGTH}, {@value #LIST}, {@value #CONFLICT},
 * {@value #FORMAT}, {@value #INVALID}.
 */
public final class SchemaCheck {
    /** A key the format does not have at that place (often a typo). */
    public static final String UNKNOWN_KEY = "SCHEMA-UNKNOWN-KEY";
    /** A key that must be given is missing. */
    public static final String REQUIRED = "SCHEMA-REQUIRED";
    /** A value of the wrong type (a string where a number belongs, ...). */
    public static final String TYPE = "SCHEMA-TYPE";
    /** A string (or a map key) that does not have the allowed form. */
    public static final String PATTERN = "SCHEMA-PATTERN";
    /** A value that is not one of a fixed set. */
    public static final String ENUM = "SCHEMA-ENUM";
    /** A number out of its range. */
    public static final String RANGE = "SCHEMA-RANGE";
    /** A string too short or too long. */
    public static final String LENGTH = "SCHEMA-LENGTH";
    /** A list with too few or too many items, or duplicates. */
    public static final String LIST = "SCHEMA-LIST";
    /** Keys that exclude each other given together. */
    public static final String CONFLICT = "SCHEMA-CONFLICT";
    /** A string that is not of its declared format. */
    public static final String FORMAT = "SCHEMA-FORMAT";
    /** Any other schema violation. */
    public static final String INVALID = "SCHEMA-INVALID";

    private SchemaCheck() {
    }

    public static void check(JsonNode doc, SourceMap sources, Diagnostics out) {
        for (SchemaViolation v : FleetSchema.get().validate(doc)) {
            if (!holdsSecret(doc, v)) {
                report(v, doc, sources, out);
            } else if (!STRING_FORM.contains(v.keyword())) {
                // A string of the wrong form can wait for SECRET-MATERIAL: the binder takes any
                // string. A secret where an enum value or a number belongs cannot: binding would
                // fail on it, so it is reported now, without quoting it.
                out.error("SECRET-MATERIAL", sources.locateValue(v.pointer()),
                        ReadablePath.of(v.pointer(), doc) + ": this value holds secret material, and is not valid here either ("
                                + v.keyword() + ")",
                        "store the secret in a Kubernetes Secret and reference it; rotate it, because it is already in the git history");
            }
        }
    }

    /** Violations about a string's form only; the value is still a string to the binder. */
    private static final Set<String> STRING_FORM = Set.of("pattern", "format", "minLength", "maxLength");

    /**
     * A value that holds secret material (a key block in identityFile, a token URL as a webhook)
     * is left to SECRET-MATERIAL, which says what it is without repeating it; a schema message
     * would quote the value into CI logs.
     */
    private static boolean holdsSecret(JsonNode doc, SchemaViolation v) {
        JsonNode value = doc.at(v.pointer());
        return value.isTextual() && SecretShape.anyIn(value.textValue());
    }

    private static void report(SchemaViolation v, JsonNode doc, SourceMap sources, Diagnostics out) {
        String at = ReadablePath.of(v.pointer(), doc);
        switch (v.keyword()) {
            case "additionalProperties" -> out.error(UNKNOWN_KEY, sources.locate(v.pointer()),
                    v.message() + " in " + ReadablePath.of(parent(v.pointer()), doc),
                    DidYouMean.hint(v.unknownKey(), v.allowedKeys(), allowedKeysHint(v)));
            case "required" -> out.error(REQUIRED, sources.locate(v.pointer()),
                    v.message().startsWith("missing required key") ? v.message() + " in " + at : at + ": " + v.message(),
                    v.description());
            case "type" -> out.error(TYPE, sources.locateValue(v.pointer()), at + ": " + v.message(),
                    TypeHints.hint(v, doc.at(v.pointer())));
            case "enum" -> out.error(ENUM, sources.locateValue(v.pointer()), at + ": " + v.message(), enumHint(v, doc));
            case "pattern" -> out.error(PATTERN, sources.locateValue(v.pointer()), at + ": " + v.message(), v.description());
            case "propertyNames" -> out.error(PATTERN, sources.locate(v.pointer()),
                    v.message() + " in " + ReadablePath.of(parent(v.pointer()), doc), v.description());
            case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf" ->
                    out.error(RANGE, sources.locateValue(v.pointer()), at + ": " + v.message(), v.description());
            case "minLength", "maxLength" ->
                    out.error(LENGTH, sources.locateValue(v.pointer()), at + ": " + v.message(), v.description());
            case "minItems", "maxItems", "uniqueItems", "minProperties", "maxProperties" ->
                    out.error(LIST, sources.locate(v.pointer()), at + ": " + v.message(), v.description());
            case "not", "false" -> out.error(CONFLICT, sources.locate(v.pointer()), at + ": " + v.message(), null);
            case "format" -> out.error(FORMAT, sources.locateValue(v.pointer()), at + ": " + v.message(), v.description());
            default -> out.error(INVALID, sources.locate(v.pointer()), at + ": " + v.message(), null);
        }
    }

    private static String allowedKeysHint(SchemaViolation v) {
        if (v.allowedKeys().isEmpty()) return "remove it: nothing is allowed here";
        return "allowed keys here: " + String.join(", ", v.allowedKeys());
    }

    private static String enumHint(SchemaViolation v, JsonNode doc) {
        String fallback = "use one of: " + String.join(", ", v.allowedValues());
        JsonNode value = doc.at(v.pointer());
        // "did you mean" only for words: for numbers (RAID level 3) the nearest is no better a guess
        return value.isTextual() ? DidYouMean.hint(value.textValue(), v.allowedValues(), fallback) : fallback;
    }

    private static String parent(String pointer) {
        return pointer.substring(0, Math.max(0, pointer.lastIndexOf('/')));
    }
}
