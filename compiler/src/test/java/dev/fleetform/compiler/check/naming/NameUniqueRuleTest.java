package dev.fleetform.compiler.check.naming;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.fleetform.compiler.check.RuleHarness.hints;
import static dev.fleetform.compiler.check.RuleHarness.rendered;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NameUniqueRuleTest {
    private final NameUniqueRule rule = new NameUniqueRule();

    @Test
    void aVmMayNotTakeTheNameOfAHost() {
        String yaml = """
                apiVersion: fleetform.dev/v1
                kind: Fleet
                metadata: { name: test }
                hosts:
                  - name: gpu-01
                    address: 10.0.2.11
                    hardware: { cpu: { cores: 64 }, memoryGiB: 512 }
                    vms:
                      - name: gpu-01
                        vcpus: 4
                        memoryGiB: 8
                """;
        assertEquals(List.of("fleet.yaml:9:9: error[NAME-UNIQUE]: VM name 'gpu-01' is already used by a host at fleet.yaml:5"),
                rendered(rule, yaml));
        assertTrue(hints(rule, yaml).getFirst().contains("both are inventory hosts"));
    }

    @Test
    void aDiskAndAnArrayOfOneProfileCollideOnceNotOncePerHost() {
        String yaml = """
                apiVersion: fleetform.dev/v1
                kind: Fleet
                metadata: { name: test }
                profiles:
                  store:
                    hardware:
                      cpu: { cores: 16 }
                      memoryGiB: 64
                      disks:
                        - { name: d1, device: /dev/sdb, sizeGiB: 100, media: ssd }
                        - { name: md0, device: /dev/sdc, sizeGiB: 100, media: ssd }
                    storage:
                      raid:
                        - { name: md0, level: 1, devices: [d1, md0] }
                hosts:
                  - { name: st-01, profile: store, address: 10.0.1.1 }
                  - { name: st-02, profile: store, address: 10.0.1.2 }
                """;
        assertEquals(List.of("fleet.yaml:14:11: error[NAME-UNIQUE]: RAID array name 'md0' is already used by a disk at fleet.yaml:11"),
                rendered(rule, yaml));
        assertTrue(hints(rule, yaml).getFirst().contains("a filesystem's 'on' names a disk or a RAID array"));
    }

    @Test
    void everyOtherScopeReportsItsSecondOccurrence() {
        String yaml = """
                apiVersion: fleetform.dev/v1
                kind: Fleet
                metadata: { name: test }
                access:
                  bastions:
                    - { name: jump, kind: openssh, address: 10.0.0.5 }
                    - { name: jump, kind: openssh, address: 10.0.0.6 }
                  groups:
                    - { name: ops, users: [alice], hosts: {} }
                    - { name: ops, users: [bob], hosts: {} }
                hosts:
                  - name: gpu-01
                    address: 10.0.2.11
                    hardware:
                      cpu: { cores: 64 }
                      memoryGiB: 512
                      disks: [ { name: d1, device: /dev/sdb, sizeGiB: 100, media: ssd } ]
                      gpus:
                        - { name: gpu0, model: A100-40GB, pci: "0000:3b:00.0" }
                        - { name: gpu0, model: A100-40GB, pci: "0000:5e:00.0" }
                    storage:
                      filesystems:
                        - { name: data, on: d1, type: xfs, mountpoint: /a }
                        - { name: data, on: d1, type: xfs, mountpoint: /b }
                kubernetes:
                  clusters:
                    - name: prod
                      context: prod
                      pools:
                        - { name: miners, nodes: {} }
                        - { name: miners, nodes: {} }
                    - name: prod
                      context: prod
                workloads:
                  miners:
                    - { name: ore, cluster: prod, pool: miners, namespace: m, image: "ore:1", replicas: 1, cores: 1 }
                    - { name: ore, cluster: prod, pool: miners, namespace: m, image: "ore:1", replicas: 1, cores: 1 }
                monitoring:
                  alerts:
                    - { name: Down, expr: up == 0, severity: critical, summary: down }
                    - { name: Down, expr: up == 0, severity: critical, summary: down }
                  receivers:
                    - { name: hook, webhook: { url: "http://a:9000/" } }
                    - { name: hook, webhook: { url: "http://b:9000/" } }
                """;
        assertEquals(List.of(
                "fleet.yaml:7:7: error[NAME-UNIQUE]: bastion name 'jump' is already used by a bastion at fleet.yaml:6",
                "fleet.yaml:10:7: error[NAME-UNIQUE]: access group name 'ops' is already used by an access group at fleet.yaml:9",
                "fleet.yaml:20:11: error[NAME-UNIQUE]: GPU name 'gpu0' is already used by a GPU at fleet.yaml:19",
                "fleet.yaml:24:11: error[NAME-UNIQUE]: filesystem name 'data' is already used by a filesystem at fleet.yaml:23",
                "fleet.yaml:31:11: error[NAME-UNIQUE]: pool name 'miners' is already used by a pool at fleet.yaml:30",
                "fleet.yaml:32:7: error[NAME-UNIQUE]: cluster name 'prod' is already used by a cluster at fleet.yaml:27",
                "fleet.yaml:37:7: error[NAME-UNIQUE]: miner name 'ore' is already used by a miner at fleet.yaml:36",
                "fleet.yaml:41:7: error[NAME-UNIQUE]: alert rule name 'Down' is already used by an alert rule at fleet.yaml:40",
                "fleet.yaml:44:7: error[NAME-UNIQUE]: receiver name 'hook' is already used by a receiver at fleet.yaml:43"),
                rendered(rule, yaml));
    }

    @Test
    void theSameNameInDifferentScopesIsFine() {
        String yaml = """
                apiVersion: fleetform.dev/v1
                kind: Fleet
                metadata: { name: test }
                hosts:
                  - name: gpu-01
                    address: 10.0.2.11
                    hardware:
                      cpu: { cores: 64 }
                      memoryGiB: 512
                      disks: [ { name: data, device: /dev/sdb, sizeGiB: 100, media: ssd } ]
                      gpus: [ { name: gpu0, model: A100-40GB, pci: "0000:3b:00.0" } ]
                    storage:
                      filesystems: [ { name: data, on: data, type: xfs, mountpoint: /data } ]
                  - name: gpu-02
                    address: 10.0.2.12
                    hardware:
                      cpu: { cores: 64 }
                      memoryGiB: 512
                      disks: [ { name: data, device: /dev/sdb, sizeGiB: 100, media: ssd } ]
                      gpus: [ { name: gpu0, model: A100-40GB, pci: "0000:3b:00.0" } ]
                kubernetes:
                  clusters:
                    - { name: prod, context: prod, pools: [ { name: miners, nodes: {} } ] }
                    - { name: test, context: test, pools: [ { name: miners, nodes: {} } ] }
                """;
        assertEquals(List.of(), rendered(rule, yaml));
    }
}
