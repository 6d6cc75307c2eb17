package dev.fleetform.changes;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Resources read from output values: read only when needed, compared as their fields would be. */
class ResourceTest {
    private final AtomicInteger reads = new AtomicInteger();
    /** Like ReadBack: whole numbers as Integer when they fit. */
    private final Function<Object, Map<String, Object>> reader = v -> {
        reads.incrementAndGet();
        Map<String, Object> m = new LinkedHashMap<>();
        ((Map<?, ?>) v).forEach((k, x) -> m.put((String) k, x instanceof Long l && l == l.intValue() ? (Object) l.intValue() : x));
        return m;
    };

    private Resource read(Object value) {
        return Resource.read(Address.parse("k8s/c/v1/Node/-/n1"), ResourceKind.K8S, value, reader);
    }

    @Test
    void equalValuesAreTheSameWithoutBeingRead() {
        assertTrue(read(Map.of("replicas", 2, "labels", List.of("a"))).sameFields(read(Map.of("replicas", 2, "labels", List.of("a")))));
        assertEquals(0, reads.get());
    }

    @Test
    void differentValuesAreComparedByTheirFields() {
        assertTrue(read(Map.of("replicas", 2L)).sameFields(read(Map.of("replicas", 2))), "a long and an int of one value read alike");
        assertFalse(read(Map.of("replicas", 2)).sameFields(read(Map.of("replicas", 3))));
        assertEquals(4, reads.get());
    }

    @Test
    void fieldsAreReadOnceAndAgreeWithResourcesBuiltFromFields() {
        Resource r = read(Map.of("replicas", 2L));
        assertEquals(Map.of("replicas", 2), r.fields());
        assertEquals(Map.of("replicas", 2), r.fields());
        assertEquals(1, reads.get());
        assertTrue(new Resource(Address.parse("k8s/c/v1/Node/-/n1"), ResourceKind.K8S, Map.of("replicas", 2)).sameFields(r));
    }
}
