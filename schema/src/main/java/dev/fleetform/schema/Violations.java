package dev.fleetform.schema;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.everit.json.schema.ArraySchema;
import org.everit.json.schema.BooleanSchema;
import org.everit.json.schema.ConditionalSchema;
import org.everit.json.schema.EnumSchema;
import org.everit.json.schema.NullSchema;
import org.everit.json.schema.NumberSchema;
import org.everit.json.schema.ObjectSchema;
import org.everit.json.schema.Schema;
import org.everit.json.schema.StringSchema;
import org.everit.json.schema.ValidationException;

/**
 * Flattens everit's tree of causing exceptions into leaf {@link SchemaViolation}s with messages a
 * user can act on: the unknown key and the keys allowed there, the missing key, the expected type,
 * the allowed values, or the words the schema uses for a pattern.
 */
final class Violations {
    private static final Comparator<SchemaViolation> ORDER = Comparator
            .comparing(SchemaViolation::pointer)
            .thenComparing(SchemaViolation::keyword)
            .thenComparing(SchemaViolation::message);
    private static final int MAX_SHOWN = 60;
    private static final List<String> TYPE_ORDER =
            List.of("string", "integer", "number", "boolean", "object", "array", "null");

    private final Schema root;
    private final JsonNode doc;
    private final List<SchemaViolation> out = new ArrayList<>();

    private Violations(Schema root, JsonNode doc) {
        this.root = root;
        this.doc = doc;
    }

    static List<SchemaViolation> of(ValidationException top, Schema root, JsonNode doc) {
        Violations v = new Violations(root, doc);
        v.collect(top);
        return v.finish();
    }

    private void collect(ValidationException e) {
        List<ValidationException> causes = e.getCausingExceptions();
        if (causes.isEmpty()) {
            out.add(leaf(e));
        } else if ("anyOf".equals(e.getKeyword()) || "oneOf".equals(e.getKeyword())) {
            alternatives(e);
        } else if (e.getViolatedSchema() instanceof ConditionalSchema c) {
            // a failed "else" also lists why "if" failed: that is the condition, not an error
            Schema ifSchema = c.getIfSchema().orElse(null);
            for (ValidationException cause : causes) {
                if (cause.getViolatedSchema() != ifSchema) collect(cause);
            }
        } else {
            for (ValidationException cause : causes) collect(cause);
        }
    }

    /**
     * A value that matched none of several alternatives; our schema uses them only for a list of
     * types ({@code ["string", "integer"]}). If a value has one of the types but breaks its rules,
     * report those rules; if it has none of the types, report one type error naming all of them.
     */
    private void alternatives(ValidationException e) {
        List<ValidationException> leaves = new ArrayList<>();
        leavesOf(e, leaves);
        Set<String> expected = new LinkedHashSet<>();
        boolean onlyTypes = true;
        for (ValidationException l : leaves) {
            if ("type".equals(l.getKeyword())) {
                expected.add(expectedType(failed(l, pointer(l))));
            } else {
                onlyTypes = false;
                out.add(leaf(l));
            }
        }
        if (onlyTypes) {
            // everit keeps the types of a list in no fixed order; messages must not change between runs
            List<String> sorted = new ArrayList<>(expected);
            sorted.sort(Comparator.comparingInt(TYPE_ORDER::indexOf));
            out.add(typeViolation(pointer(e), sorted));
        }
    }

    private static void leavesOf(ValidationException e, List<ValidationException> into) {
        if (e.getCausingExceptions().isEmpty()) {
            into.add(e);
        } else {
            for (ValidationException c : e.getCausingExceptions()) leavesOf(c, into);
        }
    }

    private SchemaViolation leaf(ValidationException e) {
        String pointer = pointer(e);
        String keyword = e.getKeyword() == null ? "" : e.getKeyword();
        Schema violated = failed(e, pointer);
        return switch (keyword) {
            case "additionalProperties" -> unknownKey(pointer, e, violated);
            case "required" -> required(pointer, e, violated);
            case "type" -> typeViolation(pointer, List.of(expectedType(violated)));
            case "enum" -> violated instanceof EnumSchema en
                    ? enumViolation(pointer, en) : plain(pointer, keyword, e.getErrorMessage());
            case "pattern", "minLength", "maxLength" -> stringViolation(pointer, keyword, violated);
            case "not" -> plain(pointer, keyword, violated != null && violated.getDescription() != null
                    ? violated.getDescription() : e.getErrorMessage());
            case "false" -> plain(pointer, keyword, "key '" + lastSegment(pointer) + "' is not allowed here");
            case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum" -> range(pointer, keyword, e);
            default -> plain(pointer, keyword, e.getErrorMessage());
        };
    }

    /**
     * The schema whose keyword failed. Everit reports a failure below a map's
     * {@code additionalProperties} (a profile, a scrape service, a label) against the map's own
     * schema ({@code ValidationException.prepend(key, mapSchema)}) when it is the only failure
     * there, and that schema says nothing about the value. Then the schema declared at the
     * pointer is the one that failed, or, for a bad key, the map's {@code propertyNames}.
     */
    private Schema failed(ValidationException e, String pointer) {
        Schema reported = e.getViolatedSchema();
        if (!(reported instanceof ObjectSchema) || pointer.isEmpty()) return reported;
        Schema declared = SchemaAt.declared(root, pointer);
        if (declared == null || SchemaAt.contains(declared, reported)) return reported;
        Schema keys = SchemaAt.keySchema(root, pointer);
        if (keys != null && failsTheSameWay(keys, lastSegment(pointer), e)) return keys;
        // an object's own keywords belong to its object schema, also when conditions are combined with it
        boolean objectKeyword = "additionalProperties".equals(e.getKeyword()) || "required".equals(e.getKeyword());
        return objectKeyword ? SchemaAt.typed(declared) : SchemaAt.resolve(declared);
    }

    /** Whether {@code key} breaks {@code keys} with the very failure {@code e} reports (a value may fail too). */
    private static boolean failsTheSameWay(Schema keys, String key, ValidationException e) {
        try {
            keys.validate(key);
            return false;
        } catch (ValidationException keyFailure) {
            List<ValidationException> leaves = new ArrayList<>();
            leavesOf(keyFailure, leaves);
            for (ValidationException l : leaves) {
                if (l.getErrorMessage().equals(e.getErrorMessage())) return true;
            }
            return false;
        }
    }

    private SchemaViolation unknownKey(String objectPointer, ValidationException e, Schema violated) {
        String key = between(e.getErrorMessage(), "extraneous key [", "] is not permitted");
        List<String> allowed = new ArrayList<>();
        if (violated instanceof ObjectSchema o) allowed.addAll(o.getPropertySchemas().keySet());
        allowed.sort(null);
        return new SchemaViolation(objectPointer + "/" + SchemaAt.escape(key), "additionalProperties",
                "unknown key " + quote(key), key, allowed, List.of(), null, null);
    }

    private SchemaViolation required(String objectPointer, ValidationException e, Schema violated) {
        String key = between(e.getErrorMessage(), "required key [", "] not found");
        String message = "missing required key '" + key + "'";
        String description = null;
        if (violated instanceof ObjectSchema o && !o.getPropertySchemas().containsKey(key)
                && o.getDescription() != null) {
            // a conditional branch ("replicas unless autoscale"): its description says what to do
            message = o.getDescription();
        } else {
            Schema declared = SchemaAt.declared(root, objectPointer + "/" + SchemaAt.escape(key));
            if (declared != null) description = describe(declared);
        }
        return new SchemaViolation(objectPointer, "required", message, null, List.of(), List.of(), null, description);
    }

    private SchemaViolation typeViolation(String pointer, List<String> expected) {
        List<String> words = expected.stream().map(Violations::inWords).toList();
        String message = "expected " + String.join(" or ", words) + ", found " + found(pointer);
        Schema declared = SchemaAt.declared(root, pointer);
        Schema titled = SchemaAt.titled(declared);
        return new SchemaViolation(pointer, "type", message, null, List.of(), expected,
                titled == null ? null : titled.getTitle(), declared == null ? null : describe(declared));
    }

    private SchemaViolation enumViolation(String pointer, EnumSchema schema) {
        List<String> allowed = new ArrayList<>();
        for (Object v : schema.getPossibleValuesAsList()) allowed.add(String.valueOf(v));
        String message = shown(pointer) + " is not one of: " + String.join(", ", allowed);
        return new SchemaViolation(pointer, "enum", message, null, List.of(), allowed, null, null);
    }

    private SchemaViolation stringViolation(String pointer, String keyword, Schema violated) {
        if (isKeySchema(pointer, violated)) {
            Schema titled = SchemaAt.titled(violated);
            String what = titled != null ? titled.getTitle() : "key";
            String key = lastSegment(pointer);
            return new SchemaViolation(pointer, "propertyNames", "key " + quote(key) + " is not a valid " + what,
                    null, List.of(), List.of(), what, titled != null ? titled.getDescription() : null);
        }
        Schema titled = violated.getTitle() != null ? violated : SchemaAt.titled(SchemaAt.declared(root, pointer));
        String what = titled != null ? titled.getTitle() : "value";
        String description = titled != null ? titled.getDescription() : violated.getDescription();
        StringSchema limits = violated instanceof StringSchema str ? str : StringSchema.builder().build();
        String message = switch (keyword) {
            case "minLength" -> shown(pointer) + " is too short for a " + what
                    + " (at least " + limits.getMinLength() + " characters)";
            case "maxLength" -> "the " + what + " is too long (at most " + limits.getMaxLength() + " characters)";
            default -> shown(pointer) + " is not a valid " + what;
        };
        return new SchemaViolation(pointer, keyword, message, null, List.of(), List.of(), what, description);
    }

    /** True when the failing string schema is the {@code propertyNames} of the enclosing map. */
    private boolean isKeySchema(String pointer, Schema violated) {
        Schema keys = SchemaAt.keySchema(root, pointer);
        return keys != null && keys == violated;
    }

    /** A number out of range, with the declared description, which says the range (e.g. "at most 4096"). */
    private SchemaViolation range(String pointer, String keyword, ValidationException e) {
        Schema declared = SchemaAt.declared(root, pointer);
        return new SchemaViolation(pointer, keyword, e.getErrorMessage(), null, List.of(), List.of(), null,
                declared == null ? null : describe(declared));
    }

    private static SchemaViolation plain(String pointer, String keyword, String message) {
        return new SchemaViolation(pointer, keyword, message, null, List.of(), List.of(), null, null);
    }

    /** Sorted, without duplicates, and without further complaints about a value of the wrong type. */
    private List<SchemaViolation> finish() {
        Set<String> wrongType = new HashSet<>();
        for (SchemaViolation v : out) {
            if (v.keyword().equals("type")) wrongType.add(v.pointer());
        }
        List<SchemaViolation> result = new ArrayList<>(out.size());
        Set<SchemaViolation> seen = new HashSet<>();
        for (SchemaViolation v : out) {
            if (!v.keyword().equals("type") && wrongType.contains(v.pointer())) continue;
            if (seen.add(v)) result.add(v);
        }
        result.sort(ORDER);
        return List.copyOf(result);
    }

    /** The words for a declared schema: its own description (a property's meaning), else its target's. */
    private static String describe(Schema declared) {
        if (declared.getDescription() != null) return declared.getDescription();
        Schema resolved = SchemaAt.resolve(declared);
        return resolved == null ? null : resolved.getDescription();
    }

    /** The JSON Schema type name a type violation asked for. */
    private static String expectedType(Schema violated) {
        Schema s = SchemaAt.typed(violated);
        if (s instanceof StringSchema) return "string";
        if (s instanceof NumberSchema n) return n.requiresInteger() ? "integer" : "number";
        if (s instanceof BooleanSchema) return "boolean";
        if (s instanceof ObjectSchema) return "object";
        if (s instanceof ArraySchema) return "array";
        if (s instanceof NullSchema) return "null";
        return "valid value";
    }

    private static String inWords(String type) {
        return switch (type) {
            case "string" -> "a string";
            case "integer" -> "an integer";
            case "number" -> "a number";
            case "boolean" -> "true or false";
            case "object" -> "a map (key: value)";
            case "array" -> "a list";
            case "null" -> "nothing (null)";
            default -> "a " + type;
        };
    }

    /** What the document has at the pointer, for "found ...". */
    private String found(String pointer) {
        JsonNode n = node(pointer);
        if (n == null || n.isMissingNode() || n.isNull()) return "nothing (null)";
        if (n.isTextual()) return "the string " + quote(n.textValue());
        if (n.isIntegralNumber()) return "the integer " + n.asText();
        if (n.isNumber()) return "the number " + n.asText();
        if (n.isBoolean()) return n.asText();
        if (n.isArray()) return "a list";
        if (n.isObject()) return "a map";
        return n.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    }

    /** The value at the pointer, quoted and shortened for a message. */
    private String shown(String pointer) {
        JsonNode n = node(pointer);
        if (n == null) return "the value";
        return n.isTextual() ? quote(n.textValue()) : n.toString();
    }

    private JsonNode node(String pointer) {
        try {
            return doc.at(JsonPointer.compile(pointer));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Single-quoted, control characters made visible, long values cut, so a message stays one line. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), MAX_SHOWN) + 8).append('\'');
        for (int i = 0; i < s.length(); i++) {
            if (b.length() > MAX_SHOWN) {
                b.append("...");
                break;
            }
            char c = s.charAt(i);
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> {
                    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
                }
            }
        }
        return b.append('\'').toString();
    }

    private static String pointer(ValidationException e) {
        String p = e.getPointerToViolation();
        if (p == null || p.equals("#")) return "";
        return p.startsWith("#") ? p.substring(1) : p;
    }

    private static String lastSegment(String pointer) {
        return SchemaAt.unescape(pointer.substring(pointer.lastIndexOf('/') + 1));
    }

    private static String between(String s, String start, String end) {
        int from = s.indexOf(start);
        int to = s.lastIndexOf(end);
        if (from < 0 || to < from + start.length()) return s;
        return s.substring(from + start.length(), to);
    }
}
