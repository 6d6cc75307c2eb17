package dev.fleetform.compiler.check.vgpu;

import dev.fleetform.compiler.check.CheckContext;
import dev.fleetform.compiler.check.Reporter;
import dev.fleetform.compiler.check.Rule;
import dev.fleetform.compiler.model.Host;
import dev.fleetform.compiler.model.VgpuProfile;
import dev.fleetform.compiler.model.Vm;

import java.util.List;

/**
 * {@code VGPU-VM-BOARD}: the vGPUs of one VM share board type and series (NVIDIA's driver in the
 * guest serves one board and one license kind). The first vGPU that differs from the VM's first
 * resolved vGPU is reported.
 */
public final class VgpuVmBoardRule implements Rule {

    @Override
    public String id() {
        return "VGPU-VM-BOARD";
    }

    @Override
    public void check(CheckContext ctx, Reporter out) {
        for (Host host : ctx.fleet().hosts()) {
            List<VgpuPlacement> placements = VgpuPlacement.of(host, ctx.fleet().gpuModels());
            Vm vm = null;
            VgpuPlacement first = null;
            boolean reported = false;
            for (VgpuPlacement p : placements) {
                if (p.vm() != vm) {
                    vm = p.vm();
                    first = null;
                    reported = false;
                }
                if (!p.resolved() || reported) continue;
                if (first == null) {
                    first = p;
                    continue;
                }
                VgpuProfile a = first.profile(), b = p.profile();
                if (a.board().equals(b.board()) && a.series() == b.series()) continue;
                reported = true;
                out.error(p.vgpu().origin().child("profile"),
                        host.name() + ": VM " + vm.name() + " mixes vGPU " + a.name() + " (board " + a.board()
                                + ", series " + a.series() + ") with " + b.name() + " (board " + b.board()
                                + ", series " + b.series() + ")",
                        "give every vGPU of " + vm.name() + " a " + a.board() + " profile of series " + a.series()
                                + ", or give " + b.name() + " to another VM");
            }
        }
    }
}
