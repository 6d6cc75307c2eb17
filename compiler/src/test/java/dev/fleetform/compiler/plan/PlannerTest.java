package dev.fleetform.compiler.plan;

import dev.fleetform.changes.Action;
import dev.fleetform.changes.FieldChange;
import dev.fleetform.changes.Plan;
import dev.fleetform.changes.ResourceChange;
import dev.fleetform.changes.Risk;
import dev.fleetform.compiler.emit.Templates;
import dev.fleetform.compiler.emit.libvirt.LibvirtEmitter;
import dev.fleetform.compiler.testing.Fleets;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.fleetform.compiler.plan.PlanFixtures.only;
import static dev.fleetform.compiler.plan.PlanFixtures.plan;
import static dev.fleetform.compiler.testing.Fleets.SAMPLE;
import static dev.fleetform.compiler.testing.Fleets.edit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlannerTest {

    @Test
    void noChangeNoPlan() {
        Plan p = plan(SAMPLE, SAMPLE);
        assertFalse(p.hasChanges(), () -> p.changes().toString());
    }

    /** Moved hosts bind to records that differ (their origin), so their resources are compared one by one. */
    @Test
    void hostsListedInAnotherOrderPlanNothing() {
        int gpu = SAMPLE.indexOf("  - name: gpu-01"), store = SAMPLE.indexOf("  - name: store-01"), end = SAMPLE.indexOf("access:");
        String swapped = SAMPLE.substring(0, gpu) + SAMPLE.substring(store, end) + SAMPLE.substring(gpu, store) + SAMPLE.substring(end);
        assertTrue(swapped.indexOf("name: store-01") < swapped.indexOf("name: gpu-01"));
        Plan p = plan(SAMPLE, swapped);
        assertFalse(p.hasChanges(), () -> p.changes().toString());
    }

    /** A filesystem that leaves git: its mount goes (disruptive), the filesystem is never wiped, and the plan says so. */
    @Test
    void aFilesystemRemovedFromGitIsUnmountedNeverWiped() {
        Plan p = plan(SAMPLE, edit(SAMPLE, "      filesystems:\n        - { name: data, on: md1, type: ext4, mountpoint: /srv/data, defrag: weekly }\n", ""));
        ResourceChange mount = only(p, "host/store-01/mount/data");
        assertEquals(Action.DELETE, mount.action());
        assertEquals(Risk.DISRUPTIVE, mount.risk());
        assertEquals("unmounts /srv/data on store-01 and removes its fstab line; the filesystem and its data stay", mount.reason());
        ResourceChange fs = only(p, "host/store-01/filesystem/data");
        assertEquals(Risk.DISRUPTIVE, fs.risk());
        assertEquals("filesystem data on store-01 leaves git: Fleetform never wipes it, its data stays on md1 (wipefs by hand to reuse the device)", fs.reason());
        assertTrue(p.unapprovedDestructive().stream().noneMatch(c -> c.address().text().contains("/data")), p.changes()::toString);
    }

    @Test
    void aPackageRemovedFromGitIsNotUninstalled() {
        Plan p = plan(SAMPLE, edit(SAMPLE, "packages: [chrony, prometheus-node-exporter]", "packages: [prometheus-node-exporter]"));
        List<ResourceChange> cs = p.changes().stream().filter(c -> c.address().text().endsWith("package/chrony")).toList();
        assertFalse(cs.isEmpty(), p.changes()::toString);
        for (ResourceChange c : cs) {
            assertEquals(Action.DELETE, c.action());
            assertEquals(Risk.SAFE, c.risk());
            assertTrue(c.reason().contains("Fleetform does not uninstall it"), c.reason());
        }
    }

    /** With monitoring.consul each host's agent gets its services: planned at host/<h>/consul/<id>; a VM's file is compiled only. */
    @Test
    void consulServicesArePlannedOnTheirHosts() {
        String consul = edit(SAMPLE, "monitoring:\n  scrape:", "monitoring:\n  consul: {}\n  scrape:");
        Plan p = plan(SAMPLE, consul);
        List<String> addresses = p.changes().stream().map(c -> c.address().text()).filter(a -> a.contains("/consul/")).sorted().toList();
        assertTrue(addresses.contains("host/gpu-01/consul/node-gpu-01"), addresses::toString);
        assertTrue(addresses.contains("host/store-01/consul/node-store-01"), addresses::toString);
        assertTrue(addresses.stream().noneMatch(a -> a.contains("vm1")), addresses::toString);
        ResourceChange c = only(p, "host/gpu-01/consul/node-gpu-01");
        assertEquals(Action.CREATE, c.action());
        assertEquals(Risk.SAFE, c.risk());

        ResourceChange port = only(plan(consul, edit(consul, "node: { port: 9100 }", "node: { port: 9101 }")), "host/store-01/consul/node-store-01");
        assertEquals(Action.UPDATE, port.action());
        assertTrue(port.fields().stream().anyMatch(f -> f.path().equals("port") && f.after().equals(9101)), port.fields()::toString);
    }

    @Test
    void raidLevelChangeReCreatesTheArrayAndLosesItsData() {
        Plan p = plan(SAMPLE, edit(SAMPLE, "{ name: md1, level: 5, devices: [h1, h2, h3], chunkKiB: 256 }",
                "{ name: md1, level: 0, devices: [h1, h2, h3], chunkKiB: 256 }"));
        ResourceChange c = only(p, "host/store-01/raid/md1");
        assertEquals(Action.REPLACE, c.action());
        assertEquals(Risk.DESTRUCTIVE, c.risk());
        assertEquals("RAID level 5→0 re-creates md1 on store-01: all data on md1 is lost", c.reason());
        assertEquals(List.of(new FieldChange("level", 5, 0)), c.fields());
        assertEquals(List.of(c), p.unapprovedDestructive().stream().filter(x -> x.address().text().contains("raid")).toList());
    }

    @Test
    void anApprovalUnblocksThatExactChange() {
        String head = edit(SAMPLE, "level: 5, devices", "level: 0, devices");
        Plan p = plan(SAMPLE, head, "host/store-01/raid/md1");
        assertTrue(only(p, "host/store-01/raid/md1").approved());
        assertTrue(p.unapprovedDestructive().stream().noneMatch(c -> c.address().text().equals("host/store-01/raid/md1")));
        Plan stale = plan(SAMPLE, SAMPLE, "host/store-01/raid/md9");
        assertEquals(List.of("approval for host/store-01/raid/md9 matches no change in this plan (stale approval?)"), stale.warnings());
    }

    @Test
    void vgpuProfileChangeRestartsTheVm() {
        String head = edit(SAMPLE, "vgpus: [ { gpu: gpu0, profile: A100-10C } ]", "vgpus: [ { gpu: gpu0, profile: A100-20C } ]")
                .replace("vgpuConfig: A100-10C", "vgpuConfig: A100-20C");
        ResourceChange c = only(plan(SAMPLE, head), "host/gpu-01/vm/gpu-01-vm1/vgpu/0");
        assertEquals(Action.REPLACE, c.action());
        assertEquals(Risk.DISRUPTIVE, c.risk());
        assertEquals("vGPU profile A100-10C→A100-20C restarts VM gpu-01-vm1", c.reason());
    }

    @Test
    void scalingMinersIsSafe() {
        ResourceChange c = only(plan(SAMPLE, edit(SAMPLE, "replicas: 2", "replicas: 3")),
                "k8s/prod/apps/v1/Deployment/mining/ore-miner");
        assertEquals(Risk.SAFE, c.risk());
        assertEquals("ore-miner replicas 2→3", c.reason());
    }

    @Test
    void changingTheMinerImageRollsOut() {
        ResourceChange c = only(plan(SAMPLE, edit(SAMPLE, "ore:3.4.15", "ore:3.4.16")),
                "k8s/prod/apps/v1/Deployment/mining/ore-miner");
        assertEquals(Risk.DISRUPTIVE, c.risk());
        assertTrue(c.reason().startsWith("ore-miner rolls out: spec.template.spec.containers[0].image"), c.reason());
    }

    @Test
    void removingAVmDeletesItAndItsDisksAsOneChange() {
        String head = edit(SAMPLE, """
                    vms:
                      - name: gpu-01-vm1
                        vcpus: 16
                        memoryGiB: 64
                        disks: [ { filesystem: vmstore, sizeGiB: 200 } ]
                        vgpus: [ { gpu: gpu0, profile: A100-10C } ]
                        network: { bridge: br0, address: 10.0.3.21 }
                        roles: [k8s-worker]
                """, "").replace("""
                      nodes: { roles: [k8s-worker], labels: { zone: az1 } }""", """
                      nodes: { names: [gpu-01] }""").replace("          gpuWorkload: vm-vgpu\n", "").replace("          vgpuConfig: A100-10C\n", "");
        Plan p = plan(SAMPLE, head);
        ResourceChange vm = only(p, "host/gpu-01/vm/gpu-01-vm1");
        assertEquals(Action.DELETE, vm.action());
        assertEquals(Risk.DESTRUCTIVE, vm.risk());
        assertEquals("VM gpu-01-vm1 on gpu-01 is shut down and undefined (its disks are deleted only by their own approved changes)", vm.reason());
        assertEquals(List.of("host/gpu-01/vm/gpu-01-vm1/disk/0"), p.changes().stream().map(c -> c.address().text())
                .filter(a -> a.startsWith("host/gpu-01/vm/gpu-01-vm1/")).toList(), "the vGPU is told by the VM's change, the disk is its own");
        assertEquals(Risk.DESTRUCTIVE, only(p, "host/gpu-01/vm/gpu-01-vm1/disk/0").risk());
    }

    @Test
    void removingAHostSaysWhatGoesWithIt() {
        String head = SAMPLE.substring(0, SAMPLE.indexOf("  - name: gpu-01\n")) + SAMPLE.substring(SAMPLE.indexOf("  - name: store-01\n"));
        head = head.replace("nodes: { roles: [k8s-worker], labels: { zone: az1 } }", "nodes: { roles: [storage] }")
                .replace("          gpuWorkload: vm-vgpu\n", "").replace("          vgpuConfig: A100-10C\n", "");
        ResourceChange c = only(plan(SAMPLE, head), "host/gpu-01");
        assertEquals(Risk.DESTRUCTIVE, c.risk());
        assertEquals("host removed: its 1 VM and its disks are deleted; its storage (1 arrays, 1 filesystems) is given up", c.reason());
    }

    @Test
    void addingAHostIsSafe() {
        String head = SAMPLE.replace("access:\n", """
                  - name: store-02
                    address: 10.0.1.12
                    roles: [storage]
                    hardware: { cpu: { cores: 8 }, memoryGiB: 32 }
                access:
                """);
        Plan p = plan(SAMPLE, head);
        ResourceChange c = only(p, "host/store-02");
        assertEquals(Action.CREATE, c.action());
        assertEquals(Risk.SAFE, c.risk());
        assertTrue(p.unapprovedDestructive().isEmpty());
    }

    @Test
    void anAlertRuleAddedIsSafe() {
        String head = edit(SAMPLE, "  receivers:\n", """
                    - name: DiskAlmostFull
                      expr: node_filesystem_avail_bytes / node_filesystem_size_bytes < 0.1
                      for: 10m
                      severity: critical
                      summary: disk almost full
                  receivers:
                """);
        ResourceChange c = only(plan(SAMPLE, head), "prometheus/rule/fleetform-user/DiskAlmostFull");
        assertEquals(Action.CREATE, c.action());
        assertEquals(Risk.SAFE, c.risk());
    }

    @Test
    void anotherAlertmanagerChangesPrometheusConfig() {
        Plan p = plan(SAMPLE, edit(SAMPLE, "  receivers:\n", """
                  alertmanagers: ["10.0.0.7:9093"]
                  receivers:
                """));
        ResourceChange c = only(p, "prometheus/prometheus.yml");
        assertEquals(Action.UPDATE, c.action());
        assertEquals(Risk.SAFE, c.risk());
        assertTrue(c.fields().stream().anyMatch(f -> f.path().startsWith("alerting.alertmanagers")
                && "localhost:9093".equals(f.before()) && "10.0.0.7:9093".equals(f.after())), () -> c.fields().toString());
    }

    @Test
    void aDefaultChangeIsShownOnceWithTheHostsItReaches() {
        Plan p = plan(SAMPLE, edit(SAMPLE, "sysctl: { vm.swappiness: \"1\"", "sysctl: { vm.swappiness: \"10\""));
        ResourceChange c = only(p, "defaults/sysctl/vm.swappiness");
        assertEquals(List.of("gpu-01", "store-01"), c.reaches());
        assertEquals(Risk.SAFE, c.risk());
        assertEquals(List.of(new FieldChange("value", "1", "10")), c.fields());
        assertTrue(p.changes().stream().noneMatch(x -> x.address().text().startsWith("host/")), () -> p.changes().toString());
    }

    @Test
    void aProfileChangeIsShownOnceUnderTheProfile() {
        Plan p = plan(SAMPLE, edit(SAMPLE, "mountpoint: /var/lib/libvirt/images, mountOptions: [noatime] }",
                "mountpoint: /var/lib/libvirt/images, mountOptions: [noatime, nodiratime] }"));
        ResourceChange c = only(p, "host/gpu-01/mount/vmstore");
        // one host uses the profile: nothing to group, the host's own address is clearer
        assertEquals(Risk.DISRUPTIVE, c.risk());
        assertTrue(c.reason().startsWith("remounts vmstore on gpu-01"), c.reason());
    }

    @Test
    void planOrderIsDestructiveFirstThenByAddress() {
        String head = edit(SAMPLE, "level: 5, devices", "level: 0, devices").replace("replicas: 2", "replicas: 3");
        List<Risk> risks = plan(SAMPLE, head).changes().stream().map(ResourceChange::risk).toList();
        assertEquals(Risk.DESTRUCTIVE, risks.getFirst());
        assertEquals(risks.stream().sorted((a, b) -> b.compareTo(a)).toList(), risks);
    }

    /** The plan compares the domain XML that would be defined, so a changed template shows as the lines it changes. */
    @Test
    void aChangedDomainTemplateRestartsTheVmsItChanges() throws Exception {
        String builtIn;
        try (var in = Templates.class.getResourceAsStream("/dev/fleetform/templates/" + LibvirtEmitter.TEMPLATE)) {
            builtIn = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        String edited = builtIn.replace("<on_crash>restart</on_crash>", "<on_crash>coredump-restart</on_crash>");
        assertTrue(!edited.equals(builtIn), "the template has the line this test edits");
        Plan p = Planner.plan(PlanFixtures.input(SAMPLE),
                PlanFixtures.input(SAMPLE, Templates.withOverrides(Map.of(LibvirtEmitter.TEMPLATE, edited))), Set.of());
        ResourceChange c = only(p, "host/gpu-01/vm/gpu-01-vm1");
        assertEquals(1, p.changes().size(), () -> p.changes().toString());
        assertEquals(Action.UPDATE, c.action());
        assertEquals(Risk.DISRUPTIVE, c.risk());
        assertEquals("the domain XML of VM gpu-01-vm1 changes: restarts VM gpu-01-vm1", c.reason());
        assertEquals(1, c.fields().size(), c.fields()::toString);
        FieldChange line = c.fields().getFirst();
        assertTrue(line.path().startsWith("domainXml["), line.path());
        assertEquals("  <on_crash>restart</on_crash>", line.before());
        assertEquals("  <on_crash>coredump-restart</on_crash>", line.after());

        Plan same = Planner.plan(PlanFixtures.input(SAMPLE), PlanFixtures.input(SAMPLE, Templates.withOverrides(Map.of(LibvirtEmitter.TEMPLATE, builtIn))),
                Set.of());
        assertFalse(same.hasChanges(), "an override with the built-in text renders the same bytes: " + same.changes());
    }

    @Test
    void fromAnEmptyBaseEverythingIsCreated() {
        Plan p = Planner.plan(PlanInput.EMPTY, PlanFixtures.input(SAMPLE), Set.of());
        assertTrue(p.changes().stream().allMatch(c -> c.action() == Action.CREATE), () -> p.changes().toString());
        assertTrue(p.unapprovedDestructive().isEmpty());
        // a VM that does not exist yet restarts nothing: its disks and vGPUs are part of its creation
        assertTrue(p.changes().stream().noneMatch(c -> c.address().text().startsWith("host/gpu-01/vm/gpu-01-vm1/")), () -> p.changes().toString());
        ResourceChange vm = only(p, "host/gpu-01/vm/gpu-01-vm1");
        assertEquals(Risk.SAFE, vm.risk());
        assertEquals("defines and starts VM gpu-01-vm1 on gpu-01 with 1 disk and 1 vGPU", vm.reason());
        // a new host's storage is still listed, each part under the policy's own terms
        assertEquals("mkfs.ext4 on md1 on store-01 (blank device; refused if it carries data)", only(p, "host/store-01/filesystem/data").reason());
    }

    @Test
    void aDiskAddedToARunningVmStillRestartsIt() {
        ResourceChange c = only(plan(SAMPLE, edit(SAMPLE, "disks: [ { filesystem: vmstore, sizeGiB: 200 } ]",
                "disks: [ { filesystem: vmstore, sizeGiB: 200 }, { filesystem: vmstore, sizeGiB: 100 } ]")), "host/gpu-01/vm/gpu-01-vm1/disk/1");
        assertEquals(Risk.DISRUPTIVE, c.risk());
        assertEquals("adds a 100 GiB disk: restarts VM gpu-01-vm1", c.reason());
    }
}
