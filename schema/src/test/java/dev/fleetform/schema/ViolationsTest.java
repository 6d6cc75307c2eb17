package dev.fleetform.schema;

import static dev.fleetform.schema.Docs.fullFleet;
import static dev.fleetform.schema.Docs.with;
import static dev.fleetform.schema.Docs.without;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a violation tells the user beyond its place: the words SchemaCheck turns into diagnostics. */
class ViolationsTest {
    private static final JsonNode FULL = fullFleet();

    private static SchemaViolation only(JsonNode doc) {
        List<SchemaViolation> v = FleetSchema.get().validate(doc);
        assertEquals(1, v.size(), v::toString);
        return v.getFirst();
    }

    @Test
    void unknownKeyNamesTheKeyAndTheKeysAllowedThere() {
        SchemaViolation v = only(with(FULL, "/hosts/0/adress", "10.0.2.11"));
        assertEquals("adress", v.unknownKey());
        assertEquals("unknown key 'adress'", v.message());
        assertTrue(v.allowedKeys().containsAll(List.of("address", "name", "vms", "hostKey")), v::toString);
        assertEquals(v.allowedKeys().stream().sorted().toList(), v.allowedKeys());
    }

    @Test
    void unknownKeyWithASlashIsOnePointerSegment() {
        SchemaViolation v = only(with(FULL, "/hosts/0/vms~1disks", "[]"));
        assertEquals("/hosts/0/vms~1disks", v.pointer());
        assertEquals("vms/disks", v.unknownKey());
    }

    @Test
    void anUnknownKeyWithControlCharactersIsShownEscaped() {
        SchemaViolation v = only(with(FULL, "/hosts/0/x\u001b[2J", "1"));
        assertEquals("unknown key 'x\\u001b[2J'", v.message());
    }

    @Test
    void missingKeyIsNamedAndExplainedByItsDescription() {
        SchemaViolation v = only(without(FULL, "/hosts/0/address"));
        assertEquals("/hosts/0", v.pointer());
        assertEquals("missing required key 'address'", v.message());
        assertTrue(v.description().startsWith("Where to reach the host over SSH"), v::toString);
    }

    @Test
    void conditionalRequirementSaysWhatToDo() {
        SchemaViolation v = only(without(FULL, "/workloads/miners/0/secrets/rpc/env"));
        assertEquals("give the secret mountPath (a file) or env (an environment variable)", v.message());
        v = only(without(FULL, "/workloads/miners/0/replicas", "/workloads/miners/0/autoscale"));
        assertEquals("set replicas, or autoscale: {min, max}", v.message());
    }

    @Test
    void mutuallyExclusiveKeysSaySo() {
        SchemaViolation v = only(with(FULL, "/workloads/miners/0/secrets/rpc/mountPath", "/ore/rpc"));
        assertEquals("give the secret either mountPath or env, not both", v.message());
    }

    @Test
    void patternViolationCarriesTheWordsForWhatIsAllowed() {
        SchemaViolation v = only(with(FULL, "/profiles/gpu-a100x2/hardware/disks/0/device", "\"/dev/sda;rm -rf /\""));
        assertEquals("'/dev/sda;rm -rf /' is not a valid device path", v.message());
        assertEquals("device path", v.title());
        assertTrue(v.description().startsWith("An absolute device path"), v::toString);
    }

    @Test
    void controlCharactersAreShownEscaped() {
        SchemaViolation v = only(with(FULL, "/hosts/0/name", "\"gpu-01\\n\""));
        assertEquals("'gpu-01\\n' is not a valid name", v.message());
    }

    @Test
    void valueOfSeveralTypesReportsTheRuleItBroke() {
        SchemaViolation v = only(with(FULL, "/defaults/baseline/sysctl/vm.swappiness", "\"1; reboot\""));
        assertEquals("pattern", v.keyword());
        assertEquals("sysctl value", v.title());
        assertNotNull(v.description());
    }

    @Test
    void valueOfNoneOfSeveralTypesNamesThemAll() {
        SchemaViolation v = only(with(FULL, "/defaults/baseline/sysctl/vm.swappiness", "true"));
        assertEquals("expected a string or an integer, found true", v.message());
    }

    @Test
    void wrongTypeIsReportedOnceNotAlsoAsAWrongValue() {
        SchemaViolation v = only(with(FULL, "/profiles/gpu-a100x2/storage/raid/0/level", "\"1\""));
        assertEquals("type", v.keyword());
        assertEquals("expected an integer, found the string '1'", v.message());
    }

    @Test
    void enumListsTheAllowedValues() {
        SchemaViolation v = only(with(FULL, "/profiles/gpu-a100x2/hardware/disks/0/media", "sata"));
        assertEquals(List.of("nvme", "ssd", "hdd"), v.allowedValues());
        assertEquals("'sata' is not one of: nvme, ssd, hdd", v.message());
    }

    @Test
    void badMapKeyIsReportedAsAKey() {
        SchemaViolation v = only(with(FULL, "/defaults/baseline/sysctl/vm swappiness", "1"));
        assertEquals("propertyNames", v.keyword());
        assertEquals("key 'vm swappiness' is not a valid sysctl key", v.message());
        assertEquals("sysctl key", v.title());
    }

    @Test
    void longValuesAreCutInMessages() {
        List<SchemaViolation> v = FleetSchema.get().validate(with(FULL, "/hosts/0/name", "\"" + "x".repeat(500) + "\""));
        assertEquals(List.of("maxLength", "pattern"), v.stream().map(SchemaViolation::keyword).toList());
        for (SchemaViolation x : v) assertTrue(x.message().length() < 120, x::message);
    }

    /** A port written inside a URL or an image reference is held to 1..65535 like every other port. */
    @Test
    void aPortInsideAUrlOrImageIsAPort() {
        assertEquals("pattern", only(with(FULL, "/workloads/miners/0/image", "registry.example.com:99999/ore:1")).keyword());
        assertEquals(List.of(), FleetSchema.get().validate(with(FULL, "/workloads/miners/0/image", "registry.example.com:65535/ore:1")));
    }
}
