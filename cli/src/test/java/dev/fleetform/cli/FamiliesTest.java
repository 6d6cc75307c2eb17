package dev.fleetform.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which families a run builds: a family no --target can reach is left out, never one it can. */
class FamiliesTest {
    @Test
    void aFamilyIsLeftOutOnlyWhenEveryTargetIsInsideTheOther() {
        assertTrue(Families.selectsOutside(List.of(), "host"), "no --target: everything");
        assertFalse(Families.selectsOutside(List.of("host"), "host"));
        assertFalse(Families.selectsOutside(List.of("host/gpu-01", "host/gpu-02/sysctl"), "host"));
        assertTrue(Families.selectsOutside(List.of("host/gpu-01", "k8s/prod"), "host"));
        assertTrue(Families.selectsOutside(List.of("hostile"), "host"), "segment by segment: hostile is not under host");
        // a host carries prefixes besides its own (the Prometheus rules of the host that runs them)
        assertTrue(Families.selectsOutside(List.of("prometheus"), "k8s"));
        assertTrue(Families.selectsOutside(List.of("prometheus"), "host"));
    }
}
