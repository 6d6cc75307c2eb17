package dev.fleetform.compiler.model;

import dev.fleetform.compiler.diag.Origin;

import java.util.List;
import java.util.Map;

/**
 * A KVM guest of a host. {@code labels} already include the host's (the VM's own win).
 * A VM is also an inventory host and may be selected and be a Kubernetes node.
 */
public record Vm(
        String name,
        int vcpus,
        int memoryGiB,
        List<VmDisk> disks,
        List<Vgpu> vgpus,
        VmNetwork network,
        boolean autostart,
        List<String> roles,
        Map<String, String> labels,
        Origin origin) {
}
