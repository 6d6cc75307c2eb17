package dev.fleetform.compiler.check.vgpu;

import dev.fleetform.compiler.check.CheckContext;
import dev.fleetform.compiler.model.Gpu;
import dev.fleetform.compiler.model.GpuModel;
import dev.fleetform.compiler.model.Host;
import dev.fleetform.compiler.model.Vgpu;
import dev.fleetform.compiler.model.VgpuMode;
import dev.fleetform.compiler.model.VgpuProfile;
import dev.fleetform.compiler.model.Vm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One vGPU of a VM resolved against its host: the physical GPU it names, that GPU's catalogue
 * model and the profile within it, each null when it does not resolve. The reference rules report
 * the nulls; the fit rules only look at fully resolved placements, so nothing is reported twice.
 */
record VgpuPlacement(Vm vm, Vgpu vgpu, Gpu gpu, GpuModel model, VgpuProfile profile) {

    boolean resolved() {
        return profile != null;
    }

    /** Every vGPU of every VM of the host, in file order. */
    static List<VgpuPlacement> of(Host host, Map<String, GpuModel> catalogue) {
        if (host.vms().isEmpty()) return List.of();
        Map<String, Gpu> gpus = null;
        List<VgpuPlacement> out = new ArrayList<>();
        for (Vm vm : host.vms()) {
            for (Vgpu vgpu : vm.vgpus()) {
                if (gpus == null) gpus = gpusByName(host);
                Gpu gpu = gpus.get(vgpu.gpu());
                GpuModel model = gpu == null ? null : catalogue.get(gpu.model());
                VgpuProfile profile = model == null ? null : model.profiles().get(vgpu.profile());
                out.add(new VgpuPlacement(vm, vgpu, gpu, model, profile));
            }
        }
        return out;
    }

    /** The resolved placements on each physical GPU of the host, GPUs in first-use order. */
    /** What a fit rule checks on one physical GPU. */
    interface GpuCheck {
        void check(Host host, Gpu gpu, List<VgpuPlacement> onGpu);
    }

    /** Runs {@code check} on every physical GPU in {@code mode} that carries vGPUs, host by host. */
    static void eachGpu(CheckContext ctx, VgpuMode mode, GpuCheck check) {
        for (Host host : ctx.fleet().hosts()) {
            List<VgpuPlacement> placements = of(host, ctx.fleet().gpuModels());
            if (placements.isEmpty()) continue;
            for (Map.Entry<Gpu, List<VgpuPlacement>> e : byGpu(placements).entrySet()) {
                if (e.getKey().vgpuMode() == mode) check.check(host, e.getKey(), e.getValue());
            }
        }
    }

    static Map<Gpu, List<VgpuPlacement>> byGpu(List<VgpuPlacement> placements) {
        Map<Gpu, List<VgpuPlacement>> out = new LinkedHashMap<>();
        for (VgpuPlacement p : placements) {
            if (p.resolved()) out.computeIfAbsent(p.gpu(), g -> new ArrayList<>()).add(p);
        }
        return out;
    }

    /** E.g. {@code VM gpu-01-vm1 3, VM gpu-01-vm2 2}: how many of these vGPUs each VM has, in file order. */
    static String countPerVm(List<VgpuPlacement> placements) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (VgpuPlacement p : placements) counts.merge(p.vm().name(), 1, Integer::sum);
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (!b.isEmpty()) b.append(", ");
            b.append("VM ").append(e.getKey()).append(' ').append(e.getValue());
        }
        return b.toString();
    }

    private static Map<String, Gpu> gpusByName(Host host) {
        Map<String, Gpu> gpus = new HashMap<>();
        for (Gpu g : host.hardware().gpus()) gpus.putIfAbsent(g.name(), g);
        return gpus;
    }
}
