package dev.fleetform.reconciler.kubernetes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Fleetform's own record of what it applied to an object ({@code fleetform.dev/last-applied}, never
 * kubectl's {@code kubectl.kubernetes.io/last-applied-configuration}): the managed fields as git
 * had them, so a field git drops is known to be Fleetform's and removed live.
 */
final class LastApplied {
    static final String ANNOTATION = "fleetform.dev/last-applied";
    private static final ObjectMapper JSON = new ObjectMapper();

    private LastApplied() {
    }

    /** The fields of the last apply, or null when Fleetform never applied it (or the annotation is not JSON). */
    static Map<String, Object> of(HasMetadata live) {
        if (live.getMetadata() == null || live.getMetadata().getAnnotations() == null) return null;
        String text = live.getMetadata().getAnnotations().get(ANNOTATION);
        if (text == null) return null;
        try {
            return JSON.readValue(text, new TypeReference<Map<String, Object>>() {
            });
        } catch (JsonProcessingException e) {
            return null; // edited by hand into something else: as if never applied, only git's fields count
        }
    }

    static String text(Map<String, Object> fields) {
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
