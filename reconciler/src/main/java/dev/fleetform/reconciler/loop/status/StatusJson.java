package dev.fleetform.reconciler.loop.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@link LoopStatus} as the JSON {@code /status} serves: snake_case keys, times as ISO-8601 UTC,
 * nulls kept (a key is always there). {@link #SCHEMA} is its JSON Schema.
 */
public final class StatusJson {
    /** Resource path of the JSON Schema (draft-07) of the document. */
    public static final String SCHEMA = "/dev/fleetform/reconciler/loop/status/status.schema.json";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .serializationInclusion(JsonInclude.Include.ALWAYS)
            .build();

    private StatusJson() {
    }

    public static String write(LoopStatus status) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(status) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("status not serializable", e);
        }
    }

    public static String schema() {
        try (InputStream in = StatusJson.class.getResourceAsStream(SCHEMA)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
