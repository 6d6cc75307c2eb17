package dev.fleetform.compiler.check.vgpu;

import dev.fleetform.compiler.check.CheckContext;
import dev.fleetform.compiler.check.Reporter;
import dev.fleetform.compiler.check.Rule;
import dev.fleetform.compiler.model.Gpu;
import dev.fleetform.compiler.model.Host;
import dev.fleetform.compiler.model.VgpuMode;
import dev.fleetform.compiler.model.VgpuProfile;

import java.util.List;
import java.util.Map;

/**
 * {@code VGPU-EQUAL-SIZE}: on a GPU in equal-size mode (the default), all vGPUs of all VMs of the
 * host have one profile, and there are at most that profile's {@code maxEqual}. The count is
 * only judged once the profiles agree.
 */
public final class VgpuEqualSizeRule implements Rule {

    @Override
    public String id() {
        return "VGPU-EQUAL-SIZE";
    }

    @Override
    public void check(CheckContext ctx, Reporter out) {
        VgpuPlacement.eachGpu(ctx, VgpuMode.EQUAL_SIZE, (host, gpu, onGpu) -> check(host, gpu, onGpu, out));
    }

    private static void check(Host host, Gpu gpu, List<VgpuPlacement> onGpu, Reporter out) {
        VgpuPlacement first = onGpu.getFirst();
        for (VgpuPlacement p : onGpu) {
            if (p.profile().equals(first.profile())) continue;
            out.error(p.vgpu().origin().child("profile"),
                    host.name() + ": GPU " + gpu.name() + " is in equal-size mode but carries "
                            + first.profile().name() + " (VM " + first.vm().name() + ") and "
                            + p.profile().name() + " (VM " + p.vm().name() + ")",
                    "use one profile for every vGPU on " + gpu.name() + ", or set vgpuMode: mixed-size on it");
            return;
        }
        VgpuProfile profile = first.profile();
        if (onGpu.size() <= profile.maxEqual()) return;
        VgpuPlacement excess = onGpu.get(profile.maxEqual());
        out.error(excess.vgpu().origin(),
                host.name() + ": GPU " + gpu.name() + " carries " + onGpu.size() + " vGPUs of " + profile.name()
                        + "; equal-size mode allows at most " + profile.maxEqual() + " (" + VgpuPlacement.countPerVm(onGpu) + ")",
                "remove " + (onGpu.size() - profile.maxEqual()) + " of them or move them to another GPU, "
                        + "or use a smaller profile");
    }
}
