package dev.fleetform.changes;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AddressTest {

    @Test
    void kubernetesAddressesWithCoreAndGroupedApiVersions() {
        Address.Kube core = (Address.Kube) Address.parse("k8s/prod/v1/Node/-/gx-01");
        assertEquals(new Address.Kube("prod", "v1", "Node", null, "gx-01"), core);
        Address.Kube grouped = (Address.Kube) Address.parse("k8s/prod/apps/v1/Deployment/mining/ore-miner");
        assertEquals(new Address.Kube("prod", "apps/v1", "Deployment", "mining", "ore-miner"), grouped);
        assertEquals("ore-miner", grouped.name());
    }

    @Test
    void hostAddressesKnowTheirHostAndVm() {
        Address.OnHost vgpu = (Address.OnHost) Address.parse("host/gx-01/vm/gx-01-b/vgpu/0");
        assertEquals("gx-01", vgpu.host());
        assertEquals("gx-01-b", vgpu.vm());
        assertEquals(Address.parse("host/gx-01/vm/gx-01-b"), vgpu.vmAddress());
        assertEquals("gx-01-b/vgpu/0", vgpu.name());
        Address.OnHost md = (Address.OnHost) Address.parse("host/st-01/raid/md0");
        assertNull(md.vm());
        assertEquals("md0", md.name());
        assertEquals("raid/md0", md.relative());
        assertTrue(((Address.OnHost) Address.parse("host/st-01")).isHost());
    }

    @Test
    void sharedAndOutputAddresses() {
        assertEquals(new Address.Shared(null, List.of("sysctl", "vm.swappiness")), Address.parse("defaults/sysctl/vm.swappiness"));
        assertEquals(new Address.Shared("gpu", List.of("raid", "md0")), Address.parse("profile/gpu/raid/md0"));
        assertEquals(Address.Output.of("prometheus", "prometheus.yml"), Address.parse("prometheus/prometheus.yml"));
        assertEquals("MinerReplicasLow", Address.parse("prometheus/rule/fleetform-user/MinerReplicasLow").name());
    }

    @ParameterizedTest
    @ValueSource(strings = {"host/st-01", "host/gx-01/vm/gx-01-b/disk/0", "k8s/prod/v1/Namespace/-/mining",
            "k8s/prod/policy/v1/PodDisruptionBudget/mining/ore-miner", "prometheus/scrape/node/st-01",
            "alertmanager/alertmanager.yml", "jumpserver/permission/ops", "defaults/timezone", "profile/gpu/sysctl/vm.swappiness"})
    void textRoundTrips(String text) {
        assertEquals(text, Address.parse(text).text());
        assertEquals(Address.parse(text), Address.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "host", "host/", "host//raid", "k8s/prod/v1/Node/n1", "k8s/prod/a/b/c/d/e/f", "nfs/x", "profile/gpu"})
    void refusesWhatIsNoAddress(String text) {
        assertThrows(IllegalArgumentException.class, () -> Address.parse(text));
    }

    @Test
    void startsWithIsByPart() {
        Address a = Address.parse("k8s/prod/apps/v1/Deployment/mining/ore-miner");
        assertTrue(a.startsWith("k8s"));
        assertTrue(a.startsWith("k8s/prod"));
        assertTrue(a.startsWith("k8s/prod/apps/v1/Deployment/mining"));
        assertFalse(a.startsWith("k8s/pro"));
        assertFalse(Address.parse("k8s/production/v1/Node/-/n").startsWith("k8s/prod"));
    }
}
