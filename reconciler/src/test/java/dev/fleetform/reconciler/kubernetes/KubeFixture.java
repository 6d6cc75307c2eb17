package dev.fleetform.reconciler.kubernetes;

import dev.fleetform.changes.Address;
import dev.fleetform.changes.Differ;
import dev.fleetform.changes.Plan;
import dev.fleetform.changes.ResourceChange;
import dev.fleetform.compiler.Validation;
import dev.fleetform.compiler.Validator;
import dev.fleetform.compiler.emit.EmitContext;
import dev.fleetform.compiler.emit.Templates;
import dev.fleetform.compiler.work.Workers;
import dev.fleetform.reconciler.engine.Observation;
import dev.fleetform.reconciler.engine.Outcome;
import dev.fleetform.reconciler.engine.Target;
import dev.fleetform.reconciler.engine.TargetUnavailable;
import dev.fleetform.reconciler.kubernetes.apiserver.ApiServer;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The example fleet's cluster {@code prod} against the test ApiServer, reached through a
 * kubeconfig with the fleet's context {@code prod-admin}, as the CLI reaches a real one; and the
 * engine's loop in small (observe, diff, apply) to drive the provider as drift and apply do.
 */
public final class KubeFixture implements AutoCloseable {
    static final Path EXAMPLE = Path.of("../fleet-repo-example/fleet.yaml");
    static final Target PROD = new Target("k8s/prod");
    /** Small delays: the retries are counted, not timed. */
    public static final KubernetesProvider.Options OPTIONS =
            new KubernetesProvider.Options(Duration.ofSeconds(60), Duration.ofSeconds(3), 3, Duration.ofMillis(20));

    public final ApiServer api = ApiServer.start();
    final Validation fleet;
    public final Path kubeconfig;
    public final Connections connections;
    KubernetesProvider provider;

    public KubeFixture() {
        this(OPTIONS);
    }

    KubeFixture(KubernetesProvider.Options options) {
        fleet = new Validator(Workers.callerOnly()).validateFile(EXAMPLE);
        if (!fleet.valid()) throw new IllegalStateException("the example fleet is not valid");
        try {
            kubeconfig = api.kubeconfig(Files.createTempDirectory("ff-kube").resolve("config"), "prod-admin");
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
        connections = Connections.kubeconfig(kubeconfig, options.requestTimeout());
        provider = new KubernetesProvider(fleet.fleet(), fleet.index(), new EmitContext(Templates.builtIn()), connections, options);
    }

    /** A provider over the same cluster for another fleet file (git after a change), with {@code options}. */
    KubernetesProvider providerFor(Path fleetFile, KubernetesProvider.Options options) {
        Validation other = new Validator(Workers.callerOnly()).validateFile(fleetFile);
        if (!other.valid()) throw new IllegalStateException(fleetFile + " is not valid: " + other.diagnostics());
        return new KubernetesProvider(other.fleet(), other.index(), new EmitContext(Templates.builtIn()), connections, options);
    }

    public KubernetesClient client() {
        return api.client();
    }

    /** A cluster with the fleet's nodes (as kubelets register them), the GPU Operator's namespace and the miners' Secrets. */
    public KubeFixture seedCluster() {
        for (String node : poolNodes()) api.seed(node(node));
        api.seed(new NamespaceBuilder().withNewMetadata().withName("gpu-operator").endMetadata().build());
        seedSecret("mining", "ore-keypair", "id.json");
        seedSecret("mining", "ore-keypair-priority", "id.json");
        seedSecret("mining", "solana-rpc", "url");
        return this;
    }

    void seedSecret(String ns, String name, String key) {
        api.seed(new SecretBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata()
                .withType("Opaque").addToData(key, "c2VjcmV0").build());
    }

    List<String> poolNodes() {
        return provider.desired(PROD).all().keySet().stream()
                .map(a -> (Address.Kube) a).filter(a -> a.kind().equals("Node")).map(Address.Kube::name).toList();
    }

    /** A Node as kubelet registers it: its own labels, a foreign taint-free spec, status with capacity and conditions. */
    static Node node(String name) {
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
                .addNewAddress().withType("InternalIP").withAddress("10.0.0.10").endAddress()
                .withNewNodeInfo().withKubeletVersion("v1.31.4").withOsImage("Debian GNU/Linux 12 (bookworm)")
                .withContainerRuntimeVersion("containerd://1.7.24").withArchitecture("amd64").withOperatingSystem("linux")
                .endNodeInfo()
                .endStatus().build();
    }

    /** The engine's view of a target: observe, then diff git against it. */
    record Drift(Observation observed, Plan plan) {
        List<String> addresses() {
            return plan.changes().stream().map(c -> c.address().text()).toList();
        }

        /** Each change with its changed fields: what an assertion message shows. */
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            for (var c : plan.changes()) sb.append(c.action()).append(' ').append(c.address()).append(' ').append(c.fields()).append('\n');
            return sb.toString();
        }
    }

    Drift drift() {
        try {
            Observation o = provider.observe(PROD);
            return new Drift(o, Differ.diff(provider.desired(PROD), o.resources(), Set.of()));
        } catch (TargetUnavailable e) {
            throw new AssertionError(e.getMessage() + "; " + e.hint(), e);
        }
    }

    /** Drift, then apply every change drift found. */
    List<Outcome> apply() {
        Drift d = drift();
        return apply(d.observed(), d.plan().changes());
    }

    List<Outcome> apply(Observation o, List<ResourceChange> changes) {
        return provider.apply(PROD, o, changes);
    }

    static Map<String, String> byAddress(List<Outcome> outcomes) {
        Map<String, String> m = new java.util.TreeMap<>();
        for (Outcome o : outcomes) m.put(o.change().address().text(), describe(o));
        return m;
    }

    static String describe(Outcome o) {
        return switch (o) {
            case Outcome.Applied a -> "applied";
            case Outcome.Blocked b -> "blocked: " + b.why();
            case Outcome.Refused r -> "refused: " + r.why();
            case Outcome.Failed f -> "failed: " + f.reason();
        };
    }

    @Override
    public void close() {
        connections.close();
        api.close();
    }
}
