package dev.fleetform.compiler.check.workload;

import dev.fleetform.compiler.index.FleetIndex.Node;
import dev.fleetform.compiler.model.Saturating;

import java.util.List;

/**
 * What a pool's nodes offer to miners: CPU cores (a host's {@code cpu.cores}, a VM's
 * {@code vcpus}) and GPUs (a host's GPUs, a VM's vGPUs).
 */
record PoolCapacity(int nodes, long cores, long gpus) {

    static PoolCapacity of(List<Node> nodes) {
        long cores = 0, gpus = 0;
        for (Node n : nodes) {
            if (n.isVm()) {
                cores = Saturating.add(cores, n.vm().vcpus());
                gpus = Saturating.add(gpus, n.vm().vgpus().size());
            } else {
                cores = Saturating.add(cores, n.host().hardware().cores());
                gpus = Saturating.add(gpus, n.host().hardware().gpus().size());
            }
        }
        return new PoolCapacity(nodes.size(), cores, gpus);
    }
}
