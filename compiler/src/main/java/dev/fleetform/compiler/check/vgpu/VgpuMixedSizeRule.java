package dev.fleetform.compiler.check.vgpu;

import dev.fleetform.compiler.check.CheckContext;
import dev.fleetform.compiler.check.Reporter;
import dev.fleetform.compiler.check.Rule;
import dev.fleetform.compiler.model.Gpu;
import dev.fleetform.compiler.model.Host;
import dev.fleetform.compiler.model.Saturating;
import dev.fleetform.compiler.model.VgpuMode;
import dev.fleetform.compiler.model.VgpuProfile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code VGPU-MIXED-SIZE}: on a GPU in mixed-size mode, each profile appears at most its
 * {@code maxMixed} times and the framebuffers sum to at most the GPU's. The sum is only judged
 * once every profile's count fits (too many of one profile is the first thing to fix).
 */
public final class VgpuMixedSizeRule implements Rule {

    @Override
    public String id() {
        return "VGPU-MIXED-SIZE";
    }

    @Override
    public void check(CheckContext ctx, Reporter out) {
        VgpuPlacement.eachGpu(ctx, VgpuMode.MIXED_SIZE, (host, gpu, onGpu) -> check(host, gpu, onGpu, out));
    }

    private static void check(Host host, Gpu gpu, List<VgpuPlacement> onGpu, Reporter out) {
        Map<VgpuProfile, List<VgpuPlacement>> byProfile = new LinkedHashMap<>();
        for (VgpuPlacement p : onGpu) byProfile.computeIfAbsent(p.profile(), k -> new ArrayList<>()).add(p);
        boolean countsFit = true;
        for (Map.Entry<VgpuProfile, List<VgpuPlacement>> e : byProfile.entrySet()) {
            VgpuProfile profile = e.getKey();
            List<VgpuPlacement> same = e.getValue();
            if (same.size() <= profile.maxMixed()) continue;
            countsFit = false;
            out.error(same.get(profile.maxMixed()).vgpu().origin(),
                    host.name() + ": GPU " + gpu.name() + " carries " + same.size() + " vGPUs of " + profile.name()
                            + "; mixed-size mode allows at most " + profile.maxMixed() + " ("
                            + VgpuPlacement.countPerVm(same) + ")",
                    "remove " + (same.size() - profile.maxMixed()) + " of them or move them to another GPU");
        }
        if (!countsFit) return;

        long capacity = onGpu.getFirst().model().framebufferGiB();
        long used = 0;
        VgpuPlacement overflow = null;
        StringBuilder sizes = new StringBuilder();
        for (Map.Entry<VgpuProfile, List<VgpuPlacement>> e : byProfile.entrySet()) {
            if (!sizes.isEmpty()) sizes.append(" + ");
            sizes.append(e.getValue().size()).append(" × ").append(e.getKey().name());
        }
        for (VgpuPlacement p : onGpu) {
            used = Saturating.add(used, p.profile().framebufferGiB());
            if (used > capacity && overflow == null) overflow = p;
        }
        if (overflow == null) return;
        out.error(overflow.vgpu().origin(),
                host.name() + ": vGPUs on GPU " + gpu.name() + " need " + used + " GiB of framebuffer ("
                        + sizes + "); the " + onGpu.getFirst().model().name() + " has " + capacity + " GiB",
                "remove or shrink vGPUs on " + gpu.name() + " by " + (used - capacity) + " GiB, or move some to another GPU");
    }
}
