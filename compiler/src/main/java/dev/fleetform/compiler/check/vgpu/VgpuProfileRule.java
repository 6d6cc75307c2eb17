package dev.fleetform.compiler.check.vgpu;

import dev.fleetform.compiler.check.CheckContext;
import dev.fleetform.compiler.check.Reporter;
import dev.fleetform.compiler.check.Rule;
import dev.fleetform.compiler.diag.DidYouMean;
import dev.fleetform.compiler.model.GpuModel;
import dev.fleetform.compiler.model.Host;
import dev.fleetform.compiler.model.VgpuProfile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code VGPU-PROFILE}: a vGPU's profile is one of its GPU's model. vGPUs on unknown GPUs or
 * models are REF-GPU's and GPU-MODEL's.
 */
public final class VgpuProfileRule implements Rule {

    private static final Comparator<VgpuProfile> LARGEST_FIRST = Comparator
            .comparingInt(VgpuProfile::framebufferGiB).reversed()
            .thenComparing(VgpuProfile::name);

    @Override
    public String id() {
        return "VGPU-PROFILE";
    }

    @Override
    public void check(CheckContext ctx, Reporter out) {
        for (Host host : ctx.fleet().hosts()) {
            for (VgpuPlacement p : VgpuPlacement.of(host, ctx.fleet().gpuModels())) {
                if (p.model() == null || p.resolved()) continue;
                out.error(p.vgpu().origin().child("profile"),
                        host.name() + ": VM " + p.vm().name() + " asks for vGPU profile " + p.vgpu().profile()
                                + " on GPU " + p.gpu().name() + ", a " + p.model().name()
                                + ", which has no such profile",
                        hint(p.vgpu().profile(), p.model()));
            }
        }
    }

    private static String hint(String wrong, GpuModel model) {
        if (model.profiles().isEmpty()) return model.name() + " has no vGPU profiles; add them under gpuModels:";
        List<VgpuProfile> profiles = new ArrayList<>(model.profiles().values());
        profiles.sort(LARGEST_FIRST);
        List<String> names = new ArrayList<>(profiles.size());
        for (VgpuProfile p : profiles) names.add(p.name());
        return DidYouMean.hint(wrong, names, model.name() + " profiles are " + String.join(", ", names));
    }
}
