package dev.fleetform.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.everit.json.schema.Schema;
import org.everit.json.schema.ValidationException;
import org.everit.json.schema.loader.SchemaLoader;
import org.json.JSONObject;

/**
 * fleet.schema.json, loaded once, and validation of a fleet document against it.
 *
 * <p>Patterns run through {@link EndAnchoredRegexpFactory}, so a final {@code $} means end of
 * input as in ECMA-262 (and in editors), not "before a final newline".
 */
public final class FleetSchema {
    static final String RESOURCE = "/dev/fleetform/schema/fleet.schema.json";

    private final String text;
    private final Schema schema;

    private FleetSchema(String text) {
        this.text = text;
        this.schema = SchemaLoader.builder()
                .draftV7Support()
                .schemaClient(new LocalSchemaClient())
                .regexpFactory(new EndAnchoredRegexpFactory())
                .schemaJson(new JSONObject(text))
                .build()
                .load()
                .build();
    }

    private static final class Holder {
        static final FleetSchema INSTANCE = new FleetSchema(readResource());
    }

    /** The schema of format v1; loaded on first use. */
    public static FleetSchema get() {
        return Holder.INSTANCE;
    }

    /** The schema's JSON text, as published for editors ({@code fleetform schema}). */
    public static String json() {
        return get().text;
    }

    /**
     * Every place where {@code doc} breaks the schema, as leaves sorted by pointer; empty when it
     * conforms. Never throws for any document.
     */
    public List<SchemaViolation> validate(JsonNode doc) {
        try {
            schema.validate(JsonTrees.toOrgJson(doc));
            return List.of();
        } catch (ValidationException e) {
            return Violations.of(e, schema, doc);
        }
    }

    private static String readResource() {
        try (InputStream in = FleetSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing classpath resource " + RESOURCE);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
