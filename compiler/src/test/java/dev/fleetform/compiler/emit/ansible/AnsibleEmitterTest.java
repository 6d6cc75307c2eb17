package dev.fleetform.compiler.emit.ansible;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleetform.compiler.emit.Artefact;
import dev.fleetform.compiler.emit.Compiled;
import dev.fleetform.compiler.emit.ExternalTool;
import dev.fleetform.compiler.testing.Fleets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnsibleEmitterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** {@code ansible-inventory --list} of the compiled SAMPLE fleet, as JSON. */
    private static JsonNode inventory(String fleet, Path dir) throws Exception {
        ExternalTool.write(dir, Compiled.emit(new AnsibleEmitter(), fleet));
        return JSON.readTree(ExternalTool.ansibleInventory(dir.resolve("ansible"), "inventory.yml"));
    }

    private static List<String> hosts(JsonNode inventory, String group) {
        List<String> out = new ArrayList<>();
        inventory.path(group).path("hosts").forEach(h -> out.add(h.asText()));
        return out;
    }

    @Test
    void inventoryListsExactlyTheHostsAndVms(@TempDir Path dir) throws Exception {
        JsonNode inv = inventory(Fleets.SAMPLE, dir);
        List<String> hostvars = new ArrayList<>();
        inv.path("_meta").path("hostvars").fieldNames().forEachRemaining(hostvars::add);
        assertEquals(List.of("gpu-01", "gpu-01-vm1", "store-01"), hostvars.stream().sorted().toList());
    }

    @Test
    void groupsPerRoleServiceProfilePoolAndLabel(@TempDir Path dir) throws Exception {
        JsonNode inv = inventory(Fleets.SAMPLE, dir);
        Map<String, List<String>> groups = new TreeMap<>();
        for (Iterator<String> it = inv.fieldNames(); it.hasNext(); ) {
            String g = it.next();
            if (!g.equals("_meta") && !g.equals("all")) groups.put(g, hosts(inv, g));
        }
        assertEquals(Map.ofEntries(
                Map.entry("gpu", List.of("gpu-01")),
                Map.entry("k8s_worker", List.of("gpu-01-vm1")),
                Map.entry("storage", List.of("store-01")),
                Map.entry("service_mysql", List.of("store-01")),
                Map.entry("profile_gpu_a100", List.of("gpu-01")),
                Map.entry("prod_miners", List.of("gpu-01-vm1")),
                Map.entry("rack_r01", List.of("store-01")),
                Map.entry("rack_r02", List.of("gpu-01", "gpu-01-vm1")),
                Map.entry("zone_az1", List.of("gpu-01", "gpu-01-vm1")),
                Map.entry("zone_az2", List.of("store-01"))), groups);
    }

    @Test
    void connectionVarsGoThroughTheOpensshBastion(@TempDir Path dir) throws Exception {
        JsonNode vars = inventory(Fleets.SAMPLE, dir).path("_meta").path("hostvars").path("store-01");
        assertEquals("10.0.1.11", vars.path("ansible_host").asText());
        assertEquals("ops", vars.path("ansible_user").asText());
        assertEquals(22, vars.path("ansible_port").asInt());
        assertEquals("~/.ssh/fleet_ed25519", vars.path("ansible_ssh_private_key_file").asText());
        assertEquals("-o ProxyJump=fleetform@10.0.0.6:22", vars.path("ansible_ssh_common_args").asText());
    }

    @Test
    void noProxyJumpWithoutVia(@TempDir Path dir) throws Exception {
        String direct = Fleets.edit(Fleets.SAMPLE, "    via: ops-jump\n", "");
        JsonNode vars = inventory(direct, dir).path("_meta").path("hostvars").path("store-01");
        assertTrue(vars.path("ansible_ssh_common_args").isMissingNode(), vars::toString);
    }

    @Test
    void vmIsAHostWithItsParentAndInheritedConnection(@TempDir Path dir) throws Exception {
        JsonNode vars = inventory(Fleets.SAMPLE, dir).path("_meta").path("hostvars").path("gpu-01-vm1");
        assertEquals("gpu-01", vars.path("fleetform_host").asText());
        assertEquals("10.0.3.21", vars.path("ansible_host").asText());
        assertEquals("ops", vars.path("ansible_user").asText());
        assertEquals("r02", vars.path("fleetform_labels").path("rack").asText());
    }

    @Test
    void baselineVarsRoundTrip(@TempDir Path dir) throws Exception {
        JsonNode vars = inventory(Fleets.SAMPLE, dir).path("_meta").path("hostvars").path("store-01");
        assertEquals(JSON.readTree("""
                {"vm.swappiness": "1", "fs.file-max": "2097152"}"""), vars.path("fleetform_sysctl"));
        assertEquals(JSON.readTree("{\"nofile\": \"1048576\"}"), vars.path("fleetform_limits"));
        assertEquals(JSON.readTree("""
                {"nameservers": ["10.0.0.2"], "search": ["int.example.com"]}"""), vars.path("fleetform_dns"));
        assertEquals(JSON.readTree("[\"chrony\", \"prometheus-node-exporter\"]"), vars.path("fleetform_packages"));
        assertEquals("UTC", vars.path("fleetform_timezone").asText());
    }

    @Test
    void storageVarsHaveDevicePathsAndExt4StripeAlignment(@TempDir Path dir) throws Exception {
        JsonNode vars = inventory(Fleets.SAMPLE, dir).path("_meta").path("hostvars").path("store-01");
        assertEquals(JSON.readTree("""
                [{"name": "md1", "device": "/dev/md/md1", "level": 5,
                  "devices": ["/dev/sdb", "/dev/sdc", "/dev/sdd"], "spares": [],
                  "chunk_kib": 256, "metadata": "1.2"}]"""), vars.path("fleetform_raid"));
        // 256 KiB chunk / 4 KiB blocks = stride 64; RAID 5 of 3 has 2 data disks.
        assertEquals(JSON.readTree("""
                [{"name": "data", "device": "/dev/md/md1", "type": "ext4", "mountpoint": "/srv/data",
                  "mount_options": [], "mkfs_options": ["-b", "4096", "-E", "stride=64,stripe_width=128"],
                  "defrag": "weekly"}]"""), vars.path("fleetform_filesystems"));
    }

    @Test
    void xfsOnRaid5GetsSuAndSw(@TempDir Path dir) throws Exception {
        String xfs = Fleets.edit(Fleets.SAMPLE, "type: ext4, mountpoint: /srv/data", "type: xfs, mountpoint: /srv/data");
        JsonNode fs = inventory(xfs, dir).path("_meta").path("hostvars").path("store-01").path("fleetform_filesystems");
        assertEquals(JSON.readTree("[\"-d\", \"su=256k,sw=2\"]"), fs.path(0).path("mkfs_options"));
    }

    @Test
    void mirrorGetsNoStripeOptionsAndUserOptionsWin(@TempDir Path dir) throws Exception {
        String own = Fleets.edit(Fleets.SAMPLE, "type: ext4, mountpoint: /srv/data",
                "type: ext4, mkfsOptions: [-m, \"0\"], mountpoint: /srv/data");
        JsonNode hostvars = inventory(own, dir).path("_meta").path("hostvars");
        assertEquals(JSON.readTree("[]"), hostvars.path("gpu-01").path("fleetform_filesystems").path(0).path("mkfs_options"));
        assertEquals(JSON.readTree("[\"-m\", \"0\"]"),
                hostvars.path("store-01").path("fleetform_filesystems").path(0).path("mkfs_options"));
    }

    @Test
    void sharedVarsAreWrittenOnceAndReachEveryHost(@TempDir Path dir) throws Exception {
        String twoGpuHosts = Fleets.edit(Fleets.SAMPLE, "  - name: store-01\n", """
                  - name: gpu-02
                    profile: gpu-a100
                    address: 10.0.2.12
                    hostKey: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHCZe11hb02kUJD4Y+R/BIt3c0ZP+vYFddA+YT0i+NoR"
                    labels: { rack: r03, zone: az1 }
                  - name: store-01
                """);
        JsonNode inv = inventory(twoGpuHosts, dir);
        for (String host : List.of("gpu-01", "gpu-02")) {
            JsonNode vars = inv.path("_meta").path("hostvars").path(host);
            assertEquals("/dev/md/md0", vars.path("fleetform_raid").path(0).path("device").asText(), host);
            assertEquals("ops", vars.path("ansible_user").asText(), host);
        }
        // --export keeps group vars in their groups: the profile's storage and the defaults once each.
        JsonNode exported = JSON.readTree(ExternalTool.ok(dir.resolve("ansible"),
                "ansible-inventory", "-i", "inventory.yml", "--list", "--export").out());
        assertTrue(exported.path("profile_gpu_a100").path("vars").has("fleetform_raid"), exported::toString);
        assertTrue(exported.path("all").path("vars").has("fleetform_sysctl"), exported::toString);
        assertFalse(exported.path("_meta").path("hostvars").path("gpu-02").has("fleetform_raid"), exported::toString);
        assertEquals("10.0.2.12", exported.path("_meta").path("hostvars").path("gpu-02").path("ansible_host").asText());
    }

    @Test
    void hostListsItsVms(@TempDir Path dir) throws Exception {
        JsonNode vars = inventory(Fleets.SAMPLE, dir).path("_meta").path("hostvars").path("gpu-01");
        assertEquals(JSON.readTree("[{\"name\": \"gpu-01-vm1\", \"vcpus\": 16, \"memory_gib\": 64}]"),
                vars.path("fleetform_vms"));
    }

    @Test
    void playbookPassesSyntaxCheck(@TempDir Path dir) {
        ExternalTool.write(dir, Compiled.emit(new AnsibleEmitter(), Fleets.SAMPLE));
        ExternalTool.ok(dir.resolve("ansible"),
                "ansible-playbook", "--syntax-check", "-i", "inventory.yml", "host-baseline.yml");
    }

    /**
     * Runs the playbook in check mode against this machine as store-01 (nothing is written): the
     * templates must render the host's vars into the files the reconciler converges.
     */
    @Test
    void playbookRendersTheBaselineFiles(@TempDir Path dir) {
        ExternalTool.write(dir, Compiled.emit(new AnsibleEmitter(), Fleets.SAMPLE));
        var r = ExternalTool.ok(dir.resolve("ansible"), "ansible-playbook", "-i", "inventory.yml",
                "host-baseline.yml", "--check", "--diff", "--connection", "local", "--limit", "store-01",
                "-e", "{\"fleetform_packages\": [], \"ansible_become\": false,"
                        + " \"ansible_python_interpreter\": \"/usr/bin/python3\"}");
        for (String line : List.of("+fs.file-max = 2097152", "+vm.swappiness = 1",
                "+*       hard    nofile    1048576", "+DefaultLimitNOFILE=1048576",
                "+nameserver 10.0.0.2", "+search int.example.com")) {
            assertTrue(r.out().contains(line), () -> "missing '" + line + "' in\n" + r.describe());
        }
        assertFalse(r.out().contains("failed=1"), r::describe);
    }

    @Test
    void minimalFleetGivesAUsableInventoryAndPlaybook(@TempDir Path dir) throws Exception {
        JsonNode inv = inventory(Fleets.MINIMAL, dir);
        assertEquals("10.0.0.11", inv.path("_meta").path("hostvars").path("node-01").path("ansible_host").asText());
        ExternalTool.ok(dir.resolve("ansible"),
                "ansible-playbook", "--syntax-check", "-i", "inventory.yml", "host-baseline.yml");
    }

    @Test
    void sameFleetSameBytes() {
        List<Artefact> a = Compiled.emit(new AnsibleEmitter(), Fleets.SAMPLE);
        List<Artefact> b = Compiled.emit(new AnsibleEmitter(), Fleets.SAMPLE);
        assertEquals(a.stream().map(Artefact::path).toList(), b.stream().map(Artefact::path).toList());
        for (int i = 0; i < a.size(); i++) assertArrayEquals(a.get(i).bytes(), b.get(i).bytes(), a.get(i).path());
    }
}
