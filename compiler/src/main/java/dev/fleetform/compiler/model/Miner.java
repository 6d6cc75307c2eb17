package dev.fleetform.compiler.model;

import dev.fleetform.compiler.diag.Origin;

import java.util.Map;

/**
 * A replicated workload (an ORE miner).
 *
 * @param replicas  fixed replica count; ignored by the HPA when {@code autoscale} is set
 * @param cores     CPU cores per replica (the miner's {@code CORES})
 * @param memory    Kubernetes quantity per replica, e.g. {@code 4Gi}, or null
 * @param gpu       GPUs per replica
 * @param autoscale or null
 */
public record Miner(
        String name,
        String cluster,
        String pool,
        String namespace,
        String image,
        int replicas,
        int cores,
        String memory,
        int gpu,
        Map<String, String> env,
        Map<String, MinerSecret> secrets,
        int maxUnavailable,
        Autoscale autoscale,
        Origin origin) {

    /** The most replicas that can run at once: what must fit the pool. */
    public int peakReplicas() {
        return autoscale == null ? replicas : autoscale.max();
    }
}
