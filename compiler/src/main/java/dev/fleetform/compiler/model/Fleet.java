package dev.fleetform.compiler.model;

import java.util.List;
import java.util.Map;

/** The whole bound fleet. */
public record Fleet(
        Metadata metadata,
        Defaults defaults,
        Map<String, Profile> profiles,
        Map<String, GpuModel> gpuModels,
        Access access,
        List<Host> hosts,
        List<Cluster> clusters,
        List<Miner> miners,
        Monitoring monitoring) {
}
