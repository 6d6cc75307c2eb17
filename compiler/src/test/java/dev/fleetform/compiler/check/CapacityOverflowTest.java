package dev.fleetform.compiler.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fleetform.compiler.bind.Binder;
import dev.fleetform.compiler.diag.Diagnostic;
import dev.fleetform.compiler.diag.Diagnostics;
import dev.fleetform.compiler.load.FleetLoader;
import dev.fleetform.compiler.load.LoadedDocument;
import dev.fleetform.compiler.model.Fleet;
import dev.fleetform.compiler.testing.Fleets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10: {@code vcpus: 4294967292} beside {@code vcpus: 12} on 16 cores passed VM-CPU-FIT
 * (bound as -4, the sum came to 8). The schema's maxima refuse such numbers, but binding and the
 * rules run beside the schema check and on whatever a library user hands them, so here they run
 * without it: a number too large for an int or a long never wraps, and a sum or product too large
 * to count still exceeds every capacity.
 */
class CapacityOverflowTest {

    @TempDir
    Path tmp;

    /** Load, bind and every rule, as Fleetform runs them, but without the schema stage. */
    private List<String> rules(String ruleId, String yaml) throws IOException {
        Path file = tmp.resolve("fleet.yaml");
        Files.writeString(file, yaml);
        Diagnostics out = new Diagnostics();
        LoadedDocument doc = FleetLoader.load(file, out);
        Fleet fleet = Binder.bind(doc.document(), doc.sources(), out);
        assertTrue(!out.hasErrors(), () -> out.sorted().toString());
        Checker.run(CheckContext.of(fleet, doc.document(), doc.sources()), out);
        List<Diagnostic> found = out.sorted();
        assertTrue(found.stream().noneMatch(d -> d.ruleId().equals(Checker.INTERNAL)), found::toString);
        return found.stream().filter(d -> d.ruleId().equals(ruleId)).map(Diagnostic::message).toList();
    }

    @Test
    void vcpusPastAnIntDoNotWrapIntoAFit() throws IOException {
        String yaml = VmHostFleet.with("name: vm3, vcpus: 16", "name: vm3, vcpus: 4294967292");
        List<String> found = rules("VM-CPU-FIT", yaml);
        assertEquals(1, found.size(), found::toString);
        assertTrue(found.getFirst().startsWith("hv-01: VMs need 2147483679 vCPUs"), found::toString);
    }

    @Test
    void memoryPastAnIntDoesNotWrapIntoAFit() throws IOException {
        String yaml = VmHostFleet.with("name: vm3, vcpus: 16, memoryGiB: 48", "name: vm3, vcpus: 16, memoryGiB: 8589934640");
        assertEquals(1, rules("VM-MEMORY-FIT", yaml).size());
    }

    @Test
    void diskSizesPastALongSumToMoreThanAnyFilesystem() throws IOException {
        String yaml = VmHostFleet.with("sizeGiB: 800 } ] }", "sizeGiB: 9223372036854775807 } ] }")
                .replace("- { filesystem: vmstore, sizeGiB: 800 }", "- { filesystem: vmstore, sizeGiB: 9223372036854775807 }");
        List<String> found = rules("VM-DISK-FIT", yaml);
        assertEquals(1, found.size(), found::toString);
        assertTrue(found.getFirst().contains("need 9223372036854775807 GiB"), found::toString);
    }

    @Test
    void aRaidOfHugeDisksIsHugeNotNegative() throws IOException {
        // RAID5 usable = 2 x the smallest member: past a long, it stays the largest size, so the VMs fit
        String yaml = VmHostFleet.YAML.replace("sizeGiB: 1000, media", "sizeGiB: 9223372036854775807, media")
                .replace("sizeGiB: 800, media", "sizeGiB: 9223372036854775807, media");
        assertEquals(List.of(), rules("VM-DISK-FIT", yaml));
    }

    @Test
    void minerReplicasTimesCoresSaturateAndStillOverflowThePool() throws IOException {
        String yaml = Fleets.SAMPLE.replace("replicas: 2\n", "replicas: 4294967295\n").replace("cores: 4\n", "cores: 4294967295\n");
        List<String> found = rules("MINER-FIT", yaml);
        assertEquals(1, found.size(), found::toString);
        assertTrue(found.getFirst().contains("need 4611686014132420609 cores at peak (ore-miner 2147483647 × 2147483647)"),
                found::toString);
    }
}
