package dev.fleetform.reconciler.engine;

import dev.fleetform.changes.Address;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A host that runs Prometheus carries the plan's prometheus/... addresses: --target reaches them both ways. */
class TargetCarriesTest {
    private static final Target MON = new Target("host/mon-01", List.of("prometheus"));
    private static final Target PLAIN = new Target("host/gpu-01");
    private static final Address RULE = Address.parse("prometheus/rule/fleetform-user/MinerReplicasLow");
    private static final Address SYSCTL = Address.parse("host/mon-01/sysctl/vm.swappiness");

    private static Selection only(String... prefixes) {
        return new Selection(List.of(prefixes), Set.of());
    }

    @Test
    void aPrometheusPrefixSelectsTheHostsThatCarryItAndOnlyThoseChanges() {
        assertTrue(only("prometheus/rule").selects(MON));
        assertFalse(only("prometheus/rule").selects(PLAIN));
        assertTrue(only("prometheus/rule").selects(MON, RULE));
        assertFalse(only("prometheus/rule").selects(MON, SYSCTL));
        assertFalse(only("prometheus/scrape").selects(MON, RULE));
    }

    @Test
    void theHostsOwnAddressTakesEverythingOnIt() {
        assertTrue(only("host/mon-01").selects(MON, RULE));
        assertTrue(only("host").selects(MON, RULE));
        assertFalse(only("host/mon-01/sysctl").selects(MON, RULE));
        assertTrue(only("host/mon-01/sysctl").selects(MON, SYSCTL));
        assertFalse(only("host/mon-011").selects(MON));
    }

    @Test
    void nothingGivenSelectsAll() {
        assertTrue(Selection.everything().selects(MON, RULE));
        assertTrue(Selection.everything().selects(PLAIN));
    }
}
