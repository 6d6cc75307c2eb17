package dev.fleetform.compiler.check.vgpu;

import dev.fleetform.compiler.check.CheckContext;
import dev.fleetform.compiler.check.Reporter;
import dev.fleetform.compiler.check.Rule;
import dev.fleetform.compiler.diag.DidYouMean;
import dev.fleetform.compiler.model.Gpu;
import dev.fleetform.compiler.model.Host;

import java.util.TreeSet;

/** {@code REF-GPU}: a VM's vGPU names a physical GPU of the VM's host. */
public final class RefGpuRule implements Rule {

    @Override
    public String id() {
        return "REF-GPU";
    }

    @Override
    public void check(CheckContext ctx, Reporter out) {
        for (Host host : ctx.fleet().hosts()) {
            for (VgpuPlacement p : VgpuPlacement.of(host, ctx.fleet().gpuModels())) {
                if (p.gpu() != null) continue;
                out.error(p.vgpu().origin().child("gpu"),
                        host.name() + ": VM " + p.vm().name() + " has a vGPU on GPU " + p.vgpu().gpu()
                                + ", which the host does not have",
                        hint(p.vgpu().gpu(), host));
            }
        }
    }

    private static String hint(String wrong, Host host) {
        if (host.hardware().gpus().isEmpty()) return "declare the GPU under the host's hardware.gpus";
        TreeSet<String> known = new TreeSet<>();
        for (Gpu g : host.hardware().gpus()) known.add(g.name());
        return DidYouMean.hint(wrong, known, "the host's GPUs are " + String.join(", ", known));
    }
}
