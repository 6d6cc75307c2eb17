package dev.fleetform.compiler.model;

import dev.fleetform.compiler.diag.Origin;

import java.util.List;
import java.util.Map;

/**
 * A node pool: the hosts/VMs its selector picks get its labels and taints.
 *
 * @param gpuWorkload {@code nvidia.com/gpu.workload.config}, or null
 * @param vgpuConfig  {@code nvidia.com/vgpu.config} (a vGPU profile name), or null
 */
public record Pool(
        String name,
        Selector nodes,
        Map<String, String> labels,
        List<Taint> taints,
        GpuWorkload gpuWorkload,
        String vgpuConfig,
        Origin origin) {
}
