package dev.fleetform.compiler.bind;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.fleetform.compiler.diag.Diagnostic;
import dev.fleetform.compiler.diag.Diagnostics;
import dev.fleetform.compiler.diag.Location;
import dev.fleetform.compiler.diag.Origin;
import dev.fleetform.compiler.load.SourceMap;
import dev.fleetform.compiler.model.AlertSeverity;
import dev.fleetform.compiler.model.Baseline;
import dev.fleetform.compiler.model.Consul;
import dev.fleetform.compiler.model.Defrag;
import dev.fleetform.compiler.model.Fleet;
import dev.fleetform.compiler.model.Host;
import dev.fleetform.compiler.model.Provenance;
import dev.fleetform.compiler.model.RaidArray;
import dev.fleetform.compiler.model.RaidLevel;
import dev.fleetform.compiler.model.Receiver;
import dev.fleetform.compiler.model.SecretRef;
import dev.fleetform.compiler.model.VgpuMode;
import dev.fleetform.compiler.model.VgpuProfile;
import dev.fleetform.compiler.model.Vm;
import dev.fleetform.compiler.testing.Fleets;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BinderTest {

    /** Three layers touching the same keys: defaults, profile {@code p}, host {@code h1}. */
    private static final String LAYERS = """
            apiVersion: fleetform.dev/v1
            kind: Fleet
            metadata: { name: layers }
            defaults:
              ssh: { user: ops, port: 2200, identityFile: ~/.ssh/id_ed25519 }
              baseline:
                sysctl: { vm.swappiness: "1", fs.file-max: "100" }
                limits: { nofile: 1024 }
                dns: { nameservers: [10.0.0.2], search: [a.example.com] }
                packages: [chrony, curl]
                timezone: UTC
            profiles:
              p:
                roles: [storage]
                labels: { rack: r1, tier: cold }
                overcommit: { cpu: 2.0 }
                hardware:
                  cpu: { cores: 16 }
                  memoryGiB: 64
                  disks:
                    - { name: a, device: /dev/sda, sizeGiB: 100, media: ssd }
                    - { name: b, device: /dev/sdb, sizeGiB: 100, media: ssd }
                storage:
                  raid:
                    - { name: md0, level: 1, devices: [a, b] }
                baseline:
                  sysctl: { fs.file-max: "200", net.core.somaxconn: "1024" }
                  packages: [htop]
            hosts:
              - name: h1
                profile: p
                address: 10.0.0.1
                labels: { tier: hot }
                baseline:
                  sysctl: { net.core.somaxconn: "4096" }
                  dns: { search: [b.example.com] }
                vms:
                  - { name: v1, vcpus: 2, memoryGiB: 4 }
                  - { name: v2, vcpus: 2, memoryGiB: 4, labels: { rack: r9, app: x } }
              - name: h2
                address: 10.0.0.2
            """;

    private static Host host(Fleet f, String name) {
        return f.hosts().stream().filter(h -> h.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void hostOverProfileOverDefaultsMapsMergeListsReplace() {
        Baseline b = host(Fleets.fleet(LAYERS), "h1").baseline();

        assertEquals(Map.of("vm.swappiness", "1", "fs.file-max", "200", "net.core.somaxconn", "4096"), b.sysctl(),
                "sysctl merges key by key: defaults, then the profile's, then the host's win");
        assertEquals(List.of("fs.file-max", "net.core.somaxconn", "vm.swappiness"),
                b.sysctl().keySet().stream().sorted().toList());
        assertEquals(Map.of("nofile", "1024"), b.limits(), "untouched maps come from defaults");
        assertEquals(List.of("htop"), b.packages(), "the profile's list replaces the defaults' list");
        assertEquals(List.of("b.example.com"), b.dns().search(), "the host's list replaces");
        assertEquals(List.of("10.0.0.2"), b.dns().nameservers(), "a nested map still merges");
        assertEquals("UTC", b.timezone());
        assertEquals(new Origin("/hosts/0/baseline"), b.origin(), "the top layer that provides baseline");
    }

    @Test
    void hostKeysWinOverTheProfileAndTheProfileFillsTheRest() {
        Host h = host(Fleets.fleet(LAYERS), "h1");

        assertEquals("p", h.profile());
        assertEquals(Map.of("rack", "r1", "tier", "hot"), h.labels());
        assertEquals(List.of("storage"), h.roles());
        assertEquals(16, h.hardware().cores());
        assertEquals(64, h.hardware().memoryGiB());
        assertEquals(2.0, h.cpuOvercommit());
        assertEquals(8, h.reservedMemoryGiB());
        assertEquals("ops", h.ssh().user());
        assertEquals(2200, h.ssh().port());
        assertEquals("~/.ssh/id_ed25519", h.ssh().identityFile());
        assertEquals(new Origin("/defaults/ssh"), h.ssh().origin());
    }

    /** What the plan groups by: which layer gave each value, key by key for maps, whole for lists. */
    @Test
    void provenanceSaysWhichLayerGaveEachValue() {
        Fleet f = Fleets.fleet(LAYERS);
        Provenance h1 = host(f, "h1").provenance();
        assertEquals(Provenance.Layer.DEFAULTS, h1.sysctl("vm.swappiness"));
        assertEquals(Provenance.Layer.PROFILE, h1.sysctl("fs.file-max"));
        assertEquals(Provenance.Layer.HOST, h1.sysctl("net.core.somaxconn"));
        assertEquals(Provenance.Layer.DEFAULTS, h1.limit("nofile"));
        assertEquals(Provenance.Layer.PROFILE, h1.packages());
        assertEquals(Provenance.Layer.DEFAULTS, h1.timezone());
        assertEquals(Provenance.Layer.PROFILE, h1.raid());
        Provenance h2 = host(f, "h2").provenance();
        assertEquals(Provenance.Layer.DEFAULTS, h2.sysctl("vm.swappiness"));
        assertEquals(Provenance.Layer.DEFAULTS, h2.packages());
        // a profile's own layer, without the defaults under it: what tells whether the profile changed
        assertEquals(Map.of("fs.file-max", "200", "net.core.somaxconn", "1024"), f.profiles().get("p").baseline().sysctl());
        assertEquals("md0", f.profiles().get("p").storage().raid().getFirst().name());
    }

    @Test
    void inheritedElementsPointAtTheProfile() {
        Host h = host(Fleets.fleet(LAYERS), "h1");

        RaidArray md0 = h.storage().raid().getFirst();
        assertEquals(new Origin("/profiles/p/storage/raid/0"), md0.origin(), "edit the profile to change it");
        assertEquals(new Origin("/profiles/p/hardware/disks/1"), h.hardware().disks().get(1).origin());
        assertEquals(new Origin("/profiles/p/hardware"), h.hardware().origin());
        assertEquals(new Origin("/hosts/0"), h.origin());
        assertEquals(new Origin("/hosts/0/vms/1"), h.vms().get(1).origin());
    }

    @Test
    void aHostListReplacesTheProfileList() {
        String yaml = Fleets.edit(LAYERS, "      dns: { search: [b.example.com] }\n", """
                      dns: { search: [b.example.com] }
                    storage:
                      raid:
                        - { name: md9, level: 0, devices: [a, b] }
                """);
        Host h = host(Fleets.fleet(yaml), "h1");

        assertEquals(List.of("md9"), h.storage().raid().stream().map(RaidArray::name).toList());
        assertEquals(new Origin("/hosts/0/storage/raid/0"), h.storage().raid().getFirst().origin());
    }

    @Test
    void vmsInheritHostLabelsAndTheirOwnWin() {
        Host h = host(Fleets.fleet(LAYERS), "h1");
        Vm v1 = h.vms().get(0), v2 = h.vms().get(1);

        assertEquals(Map.of("rack", "r1", "tier", "hot"), v1.labels());
        assertEquals(Map.of("rack", "r9", "tier", "hot", "app", "x"), v2.labels());
    }

    @Test
    void defaultsAreFilled() {
        Fleet f = Fleets.fleet(LAYERS);
        Host h = host(f, "h1");
        RaidArray md0 = h.storage().raid().getFirst();
        assertEquals(RaidLevel.RAID1, md0.level());
        assertEquals(512, md0.chunkKiB());
        assertEquals("1.2", md0.metadata());
        assertEquals(List.of(), md0.spares());

        Vm v1 = h.vms().getFirst();
        assertTrue(v1.autostart());
        assertEquals(List.of(), v1.roles());
        assertNull(v1.network());

        Host bare = host(f, "h2");
        assertNull(bare.profile());
        assertEquals(1.0, bare.cpuOvercommit());
        assertEquals(8, bare.reservedMemoryGiB());
        assertEquals(List.of(), bare.vms());
        assertEquals(Map.of(), bare.labels());
        assertEquals("UTC", bare.baseline().timezone(), "defaults.baseline reaches every host");

        Host minimal = Fleets.fleet(Fleets.MINIMAL).hosts().getFirst();
        assertEquals("root", minimal.ssh().user());
        assertEquals(22, minimal.ssh().port());
        assertNull(minimal.ssh().via());
        assertEquals(0, minimal.hardware().cores());
        assertEquals(List.of(), minimal.hardware().disks());
        assertEquals(List.of(), minimal.storage().raid());
        assertTrue(Fleets.fleet(Fleets.MINIMAL).monitoring().baselineRules());
    }

    @Test
    void sectionDefaultsAreFilled() {
        String yaml = Fleets.edit(Fleets.SAMPLE, "      actions: [connect, upload, download]\n", "");
        yaml = Fleets.edit(yaml, "port: 22, user: fleetform", "user: fleetform");
        yaml = Fleets.edit(yaml, "      maxUnavailable: 1\n", "");
        yaml = Fleets.edit(yaml, "resources: { memory: 4Gi, gpu: 0 }", "resources: { memory: 4Gi }");
        yaml = Fleets.edit(yaml, "      severity: warning\n", "");
        yaml = Fleets.edit(yaml, "  baselineRules: true\n", "");
        Fleet f = Fleets.fleet(yaml);

        assertEquals(List.of("connect"), f.access().groups().getFirst().actions());
        assertEquals(22, f.access().bastions().get(1).port());
        assertFalse(f.access().bastions().get(1).requireVpn());
        assertEquals(1, f.miners().getFirst().maxUnavailable());
        assertEquals(0, f.miners().getFirst().gpu());
        assertEquals(AlertSeverity.WARNING, f.monitoring().alerts().getFirst().severity());
        assertTrue(f.monitoring().baselineRules());
    }

    @Test
    void anAutoscaledMinerWithoutReplicasStartsAtTheMinimum() {
        String yaml = Fleets.edit(Fleets.SAMPLE, "      replicas: 2\n", "      autoscale: { min: 1, max: 3 }\n");
        var miner = Fleets.fleet(yaml).miners().getFirst();
        assertEquals(1, miner.replicas());
        assertEquals(3, miner.peakReplicas());
        assertEquals(80, miner.autoscale().targetCpuPercent());
    }

    @Test
    void theSampleBindsEverySection() {
        Fleet f = Fleets.fleet(Fleets.SAMPLE);

        assertEquals("sample", f.metadata().name());
        assertEquals(List.of("gpu-a100"), List.copyOf(f.profiles().keySet()));
        assertEquals(new Origin("/profiles/gpu-a100"), f.profiles().get("gpu-a100").origin());
        Host gpu = host(f, "gpu-01");
        assertEquals(VgpuMode.EQUAL_SIZE, gpu.hardware().gpus().getFirst().vgpuMode());
        assertEquals("A100-10C", gpu.vms().getFirst().vgpus().getFirst().profile());
        assertEquals("ops-jump", gpu.ssh().via());
        Host store = host(f, "store-01");
        assertEquals(Defrag.WEEKLY, store.storage().filesystems().getFirst().defrag());
        assertEquals(Defrag.NEVER, gpu.storage().filesystems().getFirst().defrag(), "defrag defaults to never");
        assertEquals(256, store.storage().raid().getFirst().chunkKiB());

        assertEquals(2, f.access().bastions().size());
        assertEquals(List.of("storage"), f.access().groups().getFirst().hosts().roles());
        assertEquals("miners", f.clusters().getFirst().pools().getFirst().name());

        var miner = f.miners().getFirst();
        assertEquals(new SecretRef.Kubernetes("mining", "ore-keypair", "id.json"), miner.secrets().get("keypair").secretRef());
        assertEquals("RPC", miner.secrets().get("rpc").env());
        assertEquals(1, miner.maxUnavailable());
        assertEquals(0, miner.gpu());

        assertEquals(9100, f.monitoring().nodePort());
        assertEquals(Map.of("mysql", 9104), f.monitoring().services());
        assertEquals("5m", f.monitoring().alerts().getFirst().forDuration());
        assertEquals(new Receiver.DingTalk("sre-dingtalk", new SecretRef.Kubernetes("monitoring", "dingtalk", "url"),
                new SecretRef.Kubernetes("monitoring", "dingtalk", "secret"), new Origin("/monitoring/receivers/0")),
                f.monitoring().receivers().getFirst());
    }

    @Test
    void alertsGoToLocalhostUnlessMonitoringSaysWhere() {
        for (String fleet : List.of(Fleets.MINIMAL, Fleets.SAMPLE)) {
            assertEquals(List.of("localhost:9093"), Fleets.fleet(fleet).monitoring().alertmanagers());
            assertEquals("http://localhost:8060", Fleets.fleet(fleet).monitoring().dingtalkBridge());
        }
        String set = "monitoring:\n  alertmanagers: [\"am-1.dc-2.example.com:9093\", \"[fd00::7]:9093\"]\n"
                + "  dingtalkBridge: \"https://[fd00::7]:8443\"\n  scrape:";
        var m = Fleets.fleet(Fleets.edit(Fleets.SAMPLE, "monitoring:\n  scrape:", set)).monitoring();
        assertEquals(List.of("am-1.dc-2.example.com:9093", "[fd00::7]:9093"), m.alertmanagers());
        assertEquals("https://[fd00::7]:8443", m.dingtalkBridge());
    }

    @Test
    void consulIsBoundWhenGivenEvenEmpty() {
        assertNull(Fleets.fleet(Fleets.SAMPLE).monitoring().consul(), "no monitoring.consul: no Consul output");
        String consul = "monitoring:\n  consul: %s\n  scrape:";
        assertEquals(new Consul(null, null, new Origin("/monitoring/consul")),
                Fleets.fleet(Fleets.edit(Fleets.SAMPLE, "monitoring:\n  scrape:", consul.formatted("{}"))).monitoring().consul());
        assertEquals(new Consul("10.0.0.5:8500", "dc1", new Origin("/monitoring/consul")),
                Fleets.fleet(Fleets.edit(Fleets.SAMPLE, "monitoring:\n  scrape:",
                        consul.formatted("{ server: \"10.0.0.5:8500\", datacenter: dc1 }"))).monitoring().consul());
    }

    @Test
    void gpuModelsMergeOverTheCatalogue() {
        String yaml = Fleets.edit(Fleets.MINIMAL, "hosts:\n", """
                gpuModels:
                  A100-40GB:
                    profiles: { A100-4C: { framebufferGiB: 4, maxEqual: 9, maxMixed: 7 } }
                  B200:
                    framebufferGiB: 192
                    profiles: { B200-24C: { framebufferGiB: 24, maxEqual: 8, maxMixed: 8 } }
                hosts:
                """);
        var models = Fleets.fleet(yaml).gpuModels();

        assertEquals(new VgpuProfile("A100-4C", 4, 9, 7), models.get("A100-40GB").profiles().get("A100-4C"));
        assertEquals(40, models.get("A100-40GB").framebufferGiB());
        assertEquals(new Origin("/gpuModels/B200"), models.get("B200").origin());
        assertEquals(192, models.get("B200").framebufferGiB());
        assertTrue(models.containsKey("H100-80GB"));
    }

    /** Names the pointer it was asked for, so a test sees exactly where a diagnostic points. */
    private static final SourceMap POINTERS = new SourceMap() {
        public Location locate(String pointer) {
            return new Location("key " + pointer, 1, 1);
        }

        public Location locateValue(String pointer) {
            return new Location("value " + pointer, 1, 1);
        }
    };

    @Test
    void anUnknownProfileIsReportedAtItsValueWithASuggestionAndTheHostStillBinds() throws Exception {
        String yaml = Fleets.edit(LAYERS, "    profile: p\n", "    profile: q\n");
        Diagnostics out = new Diagnostics();

        Fleet f = Binder.bind(new YAMLMapper().readTree(yaml), POINTERS, out);

        List<Diagnostic> errors = out.sorted();
        assertEquals(List.of(Diagnostic.error("REF-PROFILE", new Location("value /hosts/0/profile", 1, 1),
                "host 'h1' uses profile 'q', which is not defined under 'profiles:'", "did you mean 'p'?")), errors);
        Host h1 = host(f, "h1");
        assertNull(h1.profile());
        assertEquals(Map.of("tier", "hot"), h1.labels(), "bound from its own keys only");
        assertEquals(List.of(), h1.storage().raid());
        assertEquals(2200, h1.ssh().port(), "defaults still apply");
    }

    @Test
    void bindErrorsStopBeforeTheRules() {
        var v = Fleets.validate(Fleets.edit(LAYERS, "    profile: p\n", "    profile: q\n"));
        assertEquals(List.of("REF-PROFILE"), v.diagnostics().stream().map(Diagnostic::ruleId).toList());
        assertNull(v.fleet());
    }

    @Test
    void anUnknownProfileFarFromAnyNameListsTheKnownOnes() {
        String yaml = Fleets.edit(LAYERS, "    profile: p\n", "    profile: gpu-large\n");
        Diagnostic d = Fleets.errors(yaml).getFirst();
        assertEquals("known profiles: p", d.hint());
    }

    @Test
    void framebufferOfAProfileIsTheNumberBeforeTheSeries() {
        assertEquals(10, Binder.framebufferOf("A100-10C"));
        assertEquals(8, Binder.framebufferOf("A100D-8C"));
        assertEquals(10, Binder.framebufferOf("A100-2-10C"));
        assertEquals(0, Binder.framebufferOf("custom"));
        assertEquals(0, Binder.framebufferOf("X-C"));
    }
}
