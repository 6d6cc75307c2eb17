package dev.fleetform.compiler.bind;

import dev.fleetform.compiler.model.Cluster;
import dev.fleetform.compiler.model.GpuWorkload;
import dev.fleetform.compiler.model.Pool;
import dev.fleetform.compiler.model.Taint;

import java.util.ArrayList;
import java.util.List;

/** Binds {@code kubernetes.clusters} and their node pools. */
final class KubernetesBinder {
    private KubernetesBinder() {
    }

    static List<Cluster> clusters(Layered k8s) {
        List<Cluster> out = new ArrayList<>();
        for (Layered c : k8s.items("clusters")) {
            List<Pool> pools = new ArrayList<>();
            for (Layered p : c.items("pools")) pools.add(pool(p));
            out.add(new Cluster(c.text("name"), c.text("context"), HostBinder.immutable(pools), c.origin()));
        }
        return HostBinder.immutable(out);
    }

    private static Pool pool(Layered p) {
        List<Taint> taints = new ArrayList<>();
        for (Layered t : p.items("taints")) taints.add(new Taint(t.text("key"), t.text("value"), t.text("effect")));
        String workload = p.text("gpuWorkload");
        return new Pool(p.text("name"), AccessBinder.selector(p.get("nodes"), p.origin().child("nodes")),
                p.stringMap("labels"), HostBinder.immutable(taints),
                workload == null ? null : GpuWorkload.of(workload), p.text("vgpuConfig"), p.origin());
    }
}
