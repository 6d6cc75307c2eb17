package dev.fleetform.compiler.check.vgpu;

import dev.fleetform.compiler.check.CheckContext;
import dev.fleetform.compiler.check.InheritedFindings;
import dev.fleetform.compiler.check.Reporter;
import dev.fleetform.compiler.check.Rule;
import dev.fleetform.compiler.diag.DidYouMean;
import dev.fleetform.compiler.model.Gpu;
import dev.fleetform.compiler.model.GpuModel;
import dev.fleetform.compiler.model.Host;

import java.util.Map;
import java.util.TreeSet;

/** {@code GPU-MODEL}: a host GPU's model is in the catalogue (built-in plus {@code gpuModels:}). */
public final class GpuModelRule implements Rule {

    @Override
    public String id() {
        return "GPU-MODEL";
    }

    @Override
    public void check(CheckContext ctx, Reporter out) {
        Map<String, GpuModel> catalogue = ctx.fleet().gpuModels();
        TreeSet<String> known = null;
        InheritedFindings findings = new InheritedFindings();
        for (Host host : ctx.fleet().hosts()) {
            for (Gpu gpu : host.hardware().gpus()) {
                if (catalogue.containsKey(gpu.model())) continue;
                if (known == null) known = new TreeSet<>(catalogue.keySet());
                findings.error(host, gpu.origin().child("model"),
                        "GPU " + gpu.name() + " has model " + gpu.model() + ", which is not in the GPU catalogue",
                        DidYouMean.hint(gpu.model(), known, "known models are " + String.join(", ", known)
                                + "; add others under gpuModels:"));
            }
        }
        findings.reportTo(out);
    }
}
