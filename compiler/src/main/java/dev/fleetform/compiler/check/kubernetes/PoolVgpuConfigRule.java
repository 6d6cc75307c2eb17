package dev.fleetform.compiler.check.kubernetes;

import dev.fleetform.compiler.check.CheckContext;
import dev.fleetform.compiler.check.Reporter;
import dev.fleetform.compiler.check.Rule;
import dev.fleetform.compiler.diag.DidYouMean;
import dev.fleetform.compiler.model.Cluster;
import dev.fleetform.compiler.model.GpuModel;
import dev.fleetform.compiler.model.GpuWorkload;
import dev.fleetform.compiler.model.Pool;

import java.util.Set;
import java.util.TreeSet;

/**
 * POOL-VGPU-CONFIG: a pool's {@code vgpuConfig} (the GPU Operator's {@code nvidia.com/vgpu.config})
 * is a vGPU profile of the catalogue, and is only set on a {@code vm-vgpu} pool: the operator
 * ignores it for other workloads, so it would only mislead.
 */
public final class PoolVgpuConfigRule implements Rule {

    @Override
    public String id() {
        return "POOL-VGPU-CONFIG";
    }

    @Override
    public void check(CheckContext ctx, Reporter out) {
        Set<String> profiles = null; // gathered on the first pool that sets vgpuConfig
        for (Cluster cluster : ctx.fleet().clusters()) {
            for (Pool pool : cluster.pools()) {
                String config = pool.vgpuConfig();
                if (config == null) continue;
                String what = "pool " + cluster.name() + "/" + pool.name();
                if (pool.gpuWorkload() != GpuWorkload.VM_VGPU) {
                    out.error(pool.origin().child("vgpuConfig"),
                            what + " sets vgpuConfig but its gpuWorkload is "
                                    + (pool.gpuWorkload() == null ? "not set" : pool.gpuWorkload().yamlName()),
                            "vgpuConfig only applies to vGPU nodes: set 'gpuWorkload: vm-vgpu' or remove vgpuConfig");
                }
                if (profiles == null) profiles = profileNames(ctx);
                if (!profiles.contains(config)) {
                    out.error(pool.origin().child("vgpuConfig"),
                            what + " sets vgpuConfig '" + config + "', which is not a vGPU profile of the GPU catalogue",
                            DidYouMean.hint(config, profiles,
                                    "use a profile name such as A100-10C, or add it under gpuModels.<model>.profiles"));
                }
            }
        }
    }

    private static Set<String> profileNames(CheckContext ctx) {
        Set<String> names = new TreeSet<>();
        for (GpuModel model : ctx.fleet().gpuModels().values()) names.addAll(model.profiles().keySet());
        return names;
    }
}
