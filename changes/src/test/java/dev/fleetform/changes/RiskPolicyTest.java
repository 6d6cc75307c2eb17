package dev.fleetform.changes;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** The risk policy as a table: what changed → the action as applied and its risk. */
class RiskPolicyTest {
    static final Action C = Action.CREATE, U = Action.UPDATE, D = Action.DELETE, R = Action.REPLACE;
    static final Risk SAFE = Risk.SAFE, DISRUPTIVE = Risk.DISRUPTIVE, DESTRUCTIVE = Risk.DESTRUCTIVE;

    static Stream<Arguments> table() {
        return Stream.of(
                // kind, address, action, changed fields, folded, expected action, expected risk
                row(ResourceKind.RAID, "host/s/raid/md0", C, List.of(), Map.of(), C, SAFE),
                row(ResourceKind.RAID, "host/s/raid/md0", D, List.of(), Map.of(), D, DESTRUCTIVE),
                row(ResourceKind.RAID, "host/s/raid/md0", U, List.of(f("level", 6, 5)), Map.of(), R, DESTRUCTIVE),
                row(ResourceKind.RAID, "host/s/raid/md0", U, List.of(f("devices[2]", "/dev/sdc", "/dev/sdd")), Map.of(), R, DESTRUCTIVE),
                row(ResourceKind.RAID, "host/s/raid/md0", U, List.of(f("spares", List.of(), List.of("/dev/sde"))), Map.of(), U, SAFE),
                row(ResourceKind.FILESYSTEM, "host/s/filesystem/data", C, List.of(), Map.of(), C, SAFE),
                row(ResourceKind.FILESYSTEM, "host/s/filesystem/data", D, List.of(), Map.of(), D, DISRUPTIVE),
                row(ResourceKind.FILESYSTEM, "host/s/filesystem/data", U, List.of(f("mkfsOptions[0]", "-d su=256k", "-d su=512k")), Map.of(), R, DESTRUCTIVE),
                row(ResourceKind.FILESYSTEM, "host/s/filesystem/data", U, List.of(f("defrag", "never", "weekly")), Map.of(), U, SAFE),
                row(ResourceKind.MOUNT, "host/s/mount/data", C, List.of(), Map.of(), C, SAFE),
                row(ResourceKind.MOUNT, "host/s/mount/data", U, List.of(f("mountOptions[0]", "noatime", "relatime")), Map.of(), U, DISRUPTIVE),
                row(ResourceKind.MOUNT, "host/s/mount/data", D, List.of(), Map.of(), D, DISRUPTIVE),
                row(ResourceKind.VM, "host/g/vm/v", C, List.of(), Map.of(ResourceKind.VM_DISK, 2, ResourceKind.VGPU, 1), C, SAFE),
                row(ResourceKind.VM, "host/g/vm/v", D, List.of(), Map.of(), D, DESTRUCTIVE),
                row(ResourceKind.VM, "host/g/vm/v", U, List.of(f("vcpus", 8, 16)), Map.of(), U, DISRUPTIVE),
                row(ResourceKind.VM, "host/g/vm/v", U, List.of(f("domainXml", "<domain/>", "<domain><cputune/></domain>")), Map.of(), U, DISRUPTIVE),
                row(ResourceKind.VM, "host/g/vm/v", U, List.of(f("labels.team", "a", "b")), Map.of(), U, SAFE),
                row(ResourceKind.VM_DISK, "host/g/vm/v/disk/1", C, List.of(), Map.of(), C, DISRUPTIVE),
                row(ResourceKind.VM_DISK, "host/g/vm/v/disk/0", D, List.of(), Map.of(), D, DESTRUCTIVE),
                row(ResourceKind.VM_DISK, "host/g/vm/v/disk/0", U, List.of(f("sizeGiB", 200, 400)), Map.of(), U, DISRUPTIVE),
                row(ResourceKind.VM_DISK, "host/g/vm/v/disk/0", U, List.of(f("sizeGiB", 400, 200)), Map.of(), R, DESTRUCTIVE),
                row(ResourceKind.VM_DISK, "host/g/vm/v/disk/0", U, List.of(f("filesystem", "a", "b")), Map.of(), R, DESTRUCTIVE),
                row(ResourceKind.VGPU, "host/g/vm/v/vgpu/0", U, List.of(f("profile", "A100-10C", "A100-20C")), Map.of(), R, DISRUPTIVE),
                row(ResourceKind.VGPU, "host/g/vm/v/vgpu/1", C, List.of(), Map.of(), C, DISRUPTIVE),
                row(ResourceKind.PACKAGE, "host/g/package/htop", C, List.of(), Map.of(), C, SAFE),
                row(ResourceKind.PACKAGE, "host/g/package/htop", D, List.of(), Map.of(), D, SAFE),
                row(ResourceKind.SYSCTL, "host/g/sysctl/vm.swappiness", U, List.of(f("value", "1", "10")), Map.of(), U, SAFE),
                row(ResourceKind.HOST, "host/g", C, List.of(), Map.of(), C, SAFE),
                row(ResourceKind.HOST, "host/g", D, List.of(), Map.of(), D, SAFE),
                row(ResourceKind.HOST, "host/g", D, List.of(), Map.of(ResourceKind.SYSCTL, 4), D, SAFE),
                row(ResourceKind.HOST, "host/g", D, List.of(), Map.of(ResourceKind.VM, 6), D, DESTRUCTIVE),
                row(ResourceKind.HOST, "host/s", D, List.of(), Map.of(ResourceKind.FILESYSTEM, 1), D, DESTRUCTIVE),
                row(ResourceKind.K8S, "k8s/p/v1/Namespace/-/mining", D, List.of(), Map.of(), D, DESTRUCTIVE),
                row(ResourceKind.K8S, "k8s/p/apps/v1/Deployment/mining/ore", D, List.of(), Map.of(), D, DISRUPTIVE),
                row(ResourceKind.K8S, "k8s/p/v1/ConfigMap/mining/ore", D, List.of(), Map.of(), D, SAFE),
                row(ResourceKind.K8S, "k8s/p/apps/v1/Deployment/mining/ore", U, List.of(f("spec.replicas", 2, 3)), Map.of(), U, SAFE),
                row(ResourceKind.K8S, "k8s/p/apps/v1/Deployment/mining/ore", U,
                        List.of(f("spec.template.spec.containers[0].image", "ore:1", "ore:2")), Map.of(), U, DISRUPTIVE),
                row(ResourceKind.K8S, "k8s/p/v1/Node/-/g", U, List.of(f("spec.taints", null, List.of(Map.of("effect", "NoExecute")))), Map.of(), U, DISRUPTIVE),
                row(ResourceKind.K8S, "k8s/p/v1/Node/-/g", U, List.of(f("metadata.labels.pool", "a", "b")), Map.of(), U, SAFE),
                row(ResourceKind.K8S, "k8s/p/v1/Node/-/g", U, List.of(f("metadata.labels.nvidia.com/vgpu.config", "L40S-12C", "L40S-24C")), Map.of(), U, DISRUPTIVE),
                row(ResourceKind.K8S, "k8s/p/v1/Node/-/g", U, List.of(f("metadata.labels.nvidia.com/gpu.workload.config", null, "vm-vgpu")), Map.of(), U, DISRUPTIVE),
                row(ResourceKind.K8S, "k8s/p/v1/ConfigMap/gpu-operator/vgpu-devices-config", U, List.of(f("data.x", "a", "b")), Map.of(), U, DISRUPTIVE),
                row(ResourceKind.PROMETHEUS_RULE, "prometheus/rule/g/A", D, List.of(), Map.of(), D, SAFE));
    }

    @ParameterizedTest(name = "{0} {1} {2} {3} → {5} {6}")
    @MethodSource("table")
    void decides(ResourceKind kind, String address, Action action, List<FieldChange> fields, Map<ResourceKind, Integer> folded,
                 Action expectedAction, Risk expectedRisk) {
        RiskPolicy.Verdict v = RiskPolicy.decide(new RiskPolicy.Facts(kind, Address.parse(address), action, fields, folded));
        assertEquals(new RiskPolicy.Verdict(expectedAction, expectedRisk), v);
    }

    private static Arguments row(ResourceKind kind, String address, Action action, List<FieldChange> fields,
                                 Map<ResourceKind, Integer> folded, Action expectedAction, Risk expectedRisk) {
        return arguments(kind, address, action, fields, folded, expectedAction, expectedRisk);
    }

    private static FieldChange f(String path, Object before, Object after) {
        return new FieldChange(path, before, after);
    }
}
