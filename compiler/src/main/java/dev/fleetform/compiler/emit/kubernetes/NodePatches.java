package dev.fleetform.compiler.emit.kubernetes;

import dev.fleetform.compiler.index.FleetIndex;
import dev.fleetform.compiler.model.Cluster;
import dev.fleetform.compiler.model.Pool;
import dev.fleetform.compiler.model.Taint;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSpec;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.TaintBuilder;

import java.util.ArrayList;
import java.util.Collections;
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
            // every node of a pool gets the same labels and taints: built once, shared (never mutated)
            Map<String, String> labels = labels(fleet, pool);
            List<io.fabric8.kubernetes.api.model.Taint> taints = taints(pool);
            for (FleetIndex.Node n : index.select(pool.nodes())) {
                // a node in two pools of a cluster is an error (POOL-NODE-ONCE): first pool wins here
                if (!byNode.containsKey(n.name())) byNode.put(n.name(), patch(n.name(), labels, taints));
            }
        }
        return List.copyOf(byNode.values());
    }

    private static Map<String, String> labels(String fleet, Pool pool) {
        Map<String, String> labels = Ownership.labels(fleet);
        labels.putAll(pool.labels());
        labels.put(Ownership.POOL, pool.name());
        if (pool.gpuWorkload() != null) labels.put(GPU_WORKLOAD, pool.gpuWorkload().yamlName());
        if (pool.vgpuConfig() != null) labels.put(VGPU_CONFIG, VgpuDeviceConfig.configName(pool.vgpuConfig()));
        return Collections.unmodifiableMap(labels);
    }

    private static List<io.fabric8.kubernetes.api.model.Taint> taints(Pool pool) {
        List<io.fabric8.kubernetes.api.model.Taint> taints = new ArrayList<>();
        for (Taint t : pool.taints()) {
            taints.add(new TaintBuilder().withKey(t.key()).withValue(t.value()).withEffect(t.effect()).build());
        }
        return Collections.unmodifiableList(taints);
    }

    /** Plain setters, not builders: thousands of nodes, and builders copy each object twice. */
    private static Node patch(String node, Map<String, String> labels, List<io.fabric8.kubernetes.api.model.Taint> taints) {
        ObjectMeta meta = new ObjectMeta();
        meta.setName(node);
        meta.setLabels(labels);
        NodeSpec spec = new NodeSpec();
        spec.setTaints(taints);
        Node n = new Node();
        n.setMetadata(meta);
        n.setSpec(spec);
        return n;
    }
}
