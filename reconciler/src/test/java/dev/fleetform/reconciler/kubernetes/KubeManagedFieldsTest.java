package dev.fleetform.reconciler.kubernetes;

import dev.fleetform.changes.FieldDiff;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What counts as the same value, and which fields of a live object count at all. */
class KubeManagedFieldsTest {
    private static Map<String, Object> container(Map<String, Object> resources, List<Object> env) {
        return Map.of("spec", Map.of("containers", List.of(Map.of("name", "miner", "resources", resources, "env", env))));
    }

    @Test
    void quantitiesCompareByValue() {
        var git = container(Map.of("requests", Map.of("cpu", "8", "memory", "4Gi")), List.of());
        var live = container(Map.of("requests", Map.of("cpu", "8000m", "memory", "4096Mi")), List.of());
        assertTrue(FieldDiff.same(git, ManagedFields.project(git, null, live)));
        var more = container(Map.of("requests", Map.of("cpu", "8001m", "memory", "4096Mi")), List.of());
        assertFalse(FieldDiff.same(git, ManagedFields.project(git, null, more)));
        assertTrue(JsonPatch.diff(live, ManagedFields.merge(git, null, live)).isEmpty(), "an equal quantity is not rewritten");
    }

    @Test
    void anEnvValueThatLooksLikeAQuantityIsAString() {
        var git = container(Map.of(), List.of(Map.of("name", "FEE", "value", "5000")));
        var live = container(Map.of(), List.of(Map.of("name", "FEE", "value", "5k")));
        assertFalse(FieldDiff.same(git, ManagedFields.project(git, null, live)));
    }

    @Test
    void intOrStringAndEmptyCollections() {
        Map<String, Object> git = Map.of("spec", Map.of("maxUnavailable", 2, "tolerations", List.of()));
        Map<String, Object> live = Map.of("spec", Map.of("maxUnavailable", "2"));
        assertTrue(FieldDiff.same(git, ManagedFields.project(git, null, live)));
    }

    @Test
    void serverDefaultsInNamedItemsAreNotDriftButAnItemAddedByHandIs() {
        var git = container(Map.of(), List.of(Map.of("name", "A", "value", "1")));
        Map<String, Object> defaulted = Map.of("name", "miner", "resources", Map.of(), "imagePullPolicy", "IfNotPresent",
                "terminationMessagePath", "/dev/termination-log", "env", List.of(Map.of("name", "A", "value", "1")));
        Map<String, Object> live = Map.of("spec", Map.of("containers", List.of(defaulted)));
        assertTrue(FieldDiff.same(git, ManagedFields.project(git, null, live)));

        Map<String, Object> added = Map.of("name", "miner", "env", List.of(Map.of("name", "A", "value", "1"), Map.of("name", "B", "value", "2")));
        Map<String, Object> handEdited = Map.of("spec", Map.of("containers", List.of(added)));
        assertFalse(FieldDiff.same(git, ManagedFields.project(git, null, handEdited)));
        var patch = JsonPatch.diff(handEdited, ManagedFields.merge(git, null, handEdited));
        // as JSON values: the test's own Map.of inputs have no stable key order between runs
        assertEquals(json("[{\"op\":\"replace\",\"path\":\"/spec/containers\",\"value\":[{\"name\":\"miner\",\"env\":[{\"name\":\"A\",\"value\":\"1\"}]}]}]"),
                json(patch.json()));
    }

    private static com.fasterxml.jackson.databind.JsonNode json(String text) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
