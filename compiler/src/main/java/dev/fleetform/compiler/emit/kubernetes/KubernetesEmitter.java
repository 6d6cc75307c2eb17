package dev.fleetform.compiler.emit.kubernetes;

import dev.fleetform.compiler.emit.DataArtefact;
import dev.fleetform.compiler.emit.DataEmitter;
import dev.fleetform.compiler.emit.EmitContext;
import dev.fleetform.compiler.index.FleetIndex;
import dev.fleetform.compiler.model.Cluster;
import dev.fleetform.compiler.model.Fleet;
import dev.fleetform.compiler.model.Miner;
import dev.fleetform.compiler.model.Pool;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code k8s/<cluster>/}: {@code namespaces.yaml}, {@code nodes.patch.yaml} (pool labels and
 * taints), {@code gpu-operator/vgpu-devices-config.yaml} and one file per miner under
 * {@code miners/} with its Deployment, PodDisruptionBudget and HPA. Multi-document YAML,
 * objects built with fabric8's model so every field is one the API server knows.
 */
public final class KubernetesEmitter implements DataEmitter {

    @Override
    public String area() {
        return "k8s";
    }

    @Override
    public List<DataArtefact> data(Fleet fleet, FleetIndex index, EmitContext ctx) {
        String fleetName = fleet.metadata().name();
        List<DataArtefact> out = new ArrayList<>();
        for (Cluster c : fleet.clusters()) {
            String dir = "k8s/" + c.name() + "/";
            List<Miner> miners = fleet.miners().stream().filter(m -> m.cluster().equals(c.name())).toList();
            Set<String> namespaces = new TreeSet<>();
            for (Miner m : miners) namespaces.add(m.namespace());
            if (!namespaces.isEmpty()) {
                List<Namespace> ns = namespaces.stream().map(n -> new NamespaceBuilder()
                        .withNewMetadata().withName(n).withLabels(Ownership.labels(fleetName)).endMetadata().build()).toList();
                out.add(DataArtefact.yamlStream(dir + "namespaces.yaml", ns));
            }
            List<Node> nodes = NodePatches.of(fleetName, c, index);
            if (!nodes.isEmpty()) out.add(DataArtefact.yamlStream(dir + "nodes.patch.yaml", nodes));
            ConfigMap vgpu = VgpuDeviceConfig.of(fleetName, c, fleet.gpuModels());
            if (vgpu != null) out.add(DataArtefact.yamlStream(dir + "gpu-operator/vgpu-devices-config.yaml", List.of(vgpu)));
            for (Miner m : miners) {
                Pool pool = c.pools().stream().filter(p -> p.name().equals(m.pool())).findFirst().orElseThrow();
                out.add(DataArtefact.yamlStream(dir + "miners/" + m.name() + ".yaml", MinerManifests.of(fleetName, m, pool)));
            }
        }
        return out;
    }
}
