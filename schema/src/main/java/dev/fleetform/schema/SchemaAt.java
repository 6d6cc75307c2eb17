package dev.fleetform.schema;

import org.everit.json.schema.ArraySchema;
import org.everit.json.schema.CombinedSchema;
import org.everit.json.schema.ConditionalSchema;
import org.everit.json.schema.ObjectSchema;
import org.everit.json.schema.ReferenceSchema;
import org.everit.json.schema.Schema;

/**
 * Finds the schema that governs a pointer of the document, to read its title and descriptions.
 * Everit reports some violations against a wrapper (a multi-type {@code anyOf}, a map's object
 * schema) that carries no words of its own; the schema declared at the pointer has them.
 */
final class SchemaAt {
    private SchemaAt() {
    }

    /** The schema declared for {@code pointer} (a {@code $ref} left unresolved), or null. */
    static Schema declared(Schema root, String pointer) {
        Schema s = root;
        if (pointer.isEmpty()) return s;
        for (String segment : pointer.substring(1).split("/", -1)) {
            s = child(resolve(s), unescape(segment));
            if (s == null) return null;
        }
        return s;
    }

    /** The first title found on the schema, its reference target, or a combined schema's parts. */
    static Schema titled(Schema s) {
        for (int depth = 0; s != null && depth < 8; depth++) {
            if (s.getTitle() != null) return s;
            if (s instanceof ReferenceSchema r) {
                s = r.getReferredSchema();
            } else {
                return null;
            }
        }
        return null;
    }

    /** Whether {@code part} is {@code s} or one of the schemas it combines (through references, allOf/anyOf, if/then/else). */
    static boolean contains(Schema s, Schema part) {
        s = resolve(s);
        if (s == part) return true;
        if (s instanceof CombinedSchema c) {
            for (Schema sub : c.getSubschemas()) {
                if (contains(sub, part)) return true;
            }
        }
        if (s instanceof ConditionalSchema c) {
            return c.getIfSchema().map(x -> contains(x, part)).orElse(false)
                    || c.getThenSchema().map(x -> contains(x, part)).orElse(false)
                    || c.getElseSchema().map(x -> contains(x, part)).orElse(false);
        }
        return false;
    }

    /** The schema that says what type a value has: {@code s}, or the first part of a combination that does. */
    static Schema typed(Schema s) {
        s = resolve(s);
        if (s instanceof CombinedSchema c) {
            for (Schema sub : c.getSubschemas()) {
                Schema typed = typed(sub);
                if (typed != null && !(typed instanceof CombinedSchema) && !(typed instanceof ConditionalSchema)) return typed;
            }
        }
        return s;
    }

    /** The {@code propertyNames} schema of the map that holds {@code pointer}'s key, or null when its parent is no map. */
    static Schema keySchema(Schema root, String pointer) {
        int slash = pointer.lastIndexOf('/');
        if (slash < 0) return null;
        return propertyNames(declared(root, pointer.substring(0, slash)));
    }

    private static Schema propertyNames(Schema s) {
        s = resolve(s);
        if (s instanceof ObjectSchema o) return o.getPropertyNameSchema() == null ? null : resolve(o.getPropertyNameSchema());
        if (s instanceof CombinedSchema c) {
            for (Schema sub : c.getSubschemas()) {
                Schema found = propertyNames(sub);
                if (found != null) return found;
            }
        }
        return null;
    }

    static Schema resolve(Schema s) {
        while (s instanceof ReferenceSchema r) {
            s = r.getReferredSchema();
        }
        return s;
    }

    private static Schema child(Schema s, String segment) {
        if (s instanceof ObjectSchema o) {
            Schema p = o.getPropertySchemas().get(segment);
            return p != null ? p : o.getSchemaOfAdditionalProperties();
        }
        if (s instanceof ArraySchema a) {
            return a.getAllItemSchema();
        }
        if (s instanceof CombinedSchema c) {
            for (Schema sub : c.getSubschemas()) {
                Schema found = child(resolve(sub), segment);
                if (found != null) return found;
            }
        }
        return null;
    }

    static String unescape(String segment) {
        if (segment.indexOf('~') < 0) return segment;
        return segment.replace("~1", "/").replace("~0", "~");
    }

    static String escape(String key) {
        if (key.indexOf('~') < 0 && key.indexOf('/') < 0) return key;
        return key.replace("~", "~0").replace("/", "~1");
    }
}
