package dev.fleetform.bench;

import dev.fleetform.changes.Address;
import dev.fleetform.compiler.Validation;
import dev.fleetform.compiler.emit.EmitContext;
import dev.fleetform.compiler.emit.Templates;
import dev.fleetform.compiler.model.Cluster;
import dev.fleetform.compiler.model.Miner;
import dev.fleetform.compiler.model.MinerSecret;
import dev.fleetform.compiler.model.SecretRef;
import dev.fleetform.reconciler.engine.Target;
import dev.fleetform.reconciler.kubernetes.Connections;
import dev.fleetform.reconciler.kubernetes.KubernetesProvider;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretBuilder;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a cluster holds before Fleetform first runs on it, read from the fleet: the pool nodes
 * (as their kubelets registered them), the Secrets the miners reference (an operator creates
 * those, Fleetform only checks them) and the Namespaces Fleetform puts objects in without
 * declaring them (gpu-operator, the GPU Operator's own).
 */
public final class ClusterSeed {
    private static final String VALUE = Base64.getEncoder().encodeToString("bench".getBytes(StandardCharsets.US_ASCII));

    private ClusterSeed() {
    }

    /** The objects to seed in {@code cluster}, and how many objects Fleetform will manage there. */
    public record Seed(List<HasMetadata> objects, int desired) {
    }

    public static Seed of(Validation v, Cluster cluster) {
        Set<Address> desired;
        try (Connections none = Connections.of(Map.of())) {
            desired = new KubernetesProvider(v.fleet(), v.index(), new EmitContext(Templates.builtIn()), none,
                    KubernetesProvider.Options.defaults())
                    .desired(new Target(KubernetesProvider.FAMILY + "/" + cluster.name())).all().keySet();
        }
        List<HasMetadata> objects = new ArrayList<>();
        Set<String> declared = new TreeSet<>();
        Set<String> used = new TreeSet<>();
        for (Address address : desired) {
            Address.Kube a = (Address.Kube) address;
            switch (a.kind()) {
                case "Node" -> objects.add(node(a.name()));
                case "Namespace" -> declared.add(a.name());
                default -> {
                    if (a.namespace() != null) used.add(a.namespace());
                }
            }
        }
        used.removeAll(declared);
        for (String ns : used) objects.add(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build());

        // namespace/name -> keys, in order, so the seed is the same on every run
        Map<String, Set<String>> secrets = new TreeMap<>();
        for (Miner m : v.fleet().miners()) {
            if (!m.cluster().equals(cluster.name())) continue;
            for (MinerSecret s : m.secrets().values()) {
                if (s.secretRef() instanceof SecretRef.Kubernetes ref) {
                    secrets.computeIfAbsent(ref.namespace() + "/" + ref.name(), k -> new TreeSet<>()).add(ref.key());
                }
            }
        }
        for (var e : secrets.entrySet()) {
            String[] nsName = e.getKey().split("/", 2);
            SecretBuilder b = new SecretBuilder().withNewMetadata().withNamespace(nsName[0]).withName(nsName[1]).endMetadata()
                    .withType("Opaque");
            for (String key : e.getValue()) b.addToData(key, VALUE);
            objects.add(b.build());
        }
        return new Seed(List.copyOf(objects), desired.size());
    }

    /** A Node as its kubelet registers it: its own labels (none of Fleetform's), status with capacity and conditions. */
    private static HasMetadata node(String name) {
        return new NodeBuilder()
                .withNewMetadata().withName(name)
                .addToLabels("kubernetes.io/hostname", name).addToLabels("kubernetes.io/os", "linux")
                .addToLabels("kubernetes.io/arch", "amd64").addToLabels("beta.kubernetes.io/os", "linux")
                .addToAnnotations("node.alpha.kubernetes.io/ttl", "0")
                .addToAnnotations("volumes.kubernetes.io/controller-managed-attach-detach", "true")
                .endMetadata()
                .withNewSpec().withPodCIDR("10.244.1.0/24").withPodCIDRs("10.244.1.0/24").endSpec()
                .withNewStatus()
                .addToCapacity("cpu", new Quantity("64")).addToCapacity("memory", new Quantity("263921284Ki"))
                .addToCapacity("pods", new Quantity("110"))
                .addToAllocatable("cpu", new Quantity("63900m")).addToAllocatable("memory", new Quantity("263716484Ki"))
                .addNewCondition().withType("Ready").withStatus("True").withReason("KubeletReady")
                .withMessage("kubelet is posting ready status").endCondition()
                .withNewNodeInfo().withKubeletVersion("v1.31.4").withOsImage("Debian GNU/Linux 12 (bookworm)")
                .withContainerRuntimeVersion("containerd://1.7.24").withArchitecture("amd64").withOperatingSystem("linux")
                .endNodeInfo()
                .endStatus().build();
    }
}
