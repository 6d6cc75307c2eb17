package dev.fleetform.compiler.model;

import dev.fleetform.compiler.diag.Origin;

import java.util.List;
import java.util.Map;

/**
 * A physical machine with its profile and defaults merged in.
 *
 * @param profile           name of the profile it uses, or null
 * @param hostKey           pinned SSH host key ({@code ssh-ed25519 AAAA...}), or null
 * @param cpuOvercommit     {@code overcommit.cpu}, default 1.0
 * @param reservedMemoryGiB memory kept for the hypervisor, default 8
 * @param provenance        which of its values came from its profile or the defaults
 */
public record Host(
        String name,
        String profile,
        String address,
        String hostKey,
        Map<String, String> labels,
        List<String> roles,
        List<String> services,
        Hardware hardware,
        Storage storage,
        Baseline baseline,
        Ssh ssh,
        double cpuOvercommit,
        int reservedMemoryGiB,
        List<Vm> vms,
        Provenance provenance,
        Origin origin) {

    public boolean hasGpus() {
        return !hardware.gpus().isEmpty();
    }
}
