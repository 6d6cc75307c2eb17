package dev.fleetform.compiler.emit.kubernetes;

import dev.fleetform.compiler.check.FleetIndex;
import dev.fleetform.compiler.model.Cluster;
import dev.fleetform.compiler.model.Pool;
import dev.fleetform.compiler.model.Taint;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.TaintBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The labels and taints each pool puts on its nodes, as partial Node objects: the reconciler
 * merge-patches them onto nodes that already exist (Fleetform never creates or deletes a Node).
 */
final class NodePatches {
    static final String GPU_WORKLOAD = "nvidia.com/gpu.workload.config";
    static final String VGPU_CONFIG = "nvidia.com/vgpu.config";

    private NodePatches() {
    }

    static List<Node> of(String fleet, Cluster cluster, FleetIndex index) {
        Map<String, Node> byNode = new TreeMap<>();
        for (Pool pool : cluster.pools()) {
            for (FleetIndex.Node n : index.select(pool.nodes())) {
                // a node in two pools of a cluster is an error (POOL-NODE-ONCE): first pool wins here
                byNode.putIfAbsent(n.name(), patch(fleet, n.name(), pool));
            }
        }
        return List.copyOf(byNode.values());
    }

    private static Node patch(String fleet, String node, Pool pool) {
        Map<String, String> labels = Ownership.labels(fleet);
        labels.putAll(pool.labels());
        labels.put(Ownership.POOL, pool.name());
        if (pool.gpuWorkload() != null) labels.put(GPU_WORKLOAD, pool.gpuWorkload().yamlName());
        if (pool.vgpuConfig() != null) labels.put(VGPU_CONFIG, VgpuDeviceConfig.configName(pool.vgpuConfig()));
        List<io.fabric8.kubernetes.api.model.Taint> taints = new ArrayList<>();
        for (Taint t : pool.taints()) {
            taints.add(new TaintBuilder().withKey(t.key()).withValue(t.value()).withEffect(t.effect()).build());
        }
        return new NodeBuilder()
                .withNewMetadata().withName(node).withLabels(labels).endMetadata()
                .withNewSpec().withTaints(taints).endSpec()
                .build();
    }
}
