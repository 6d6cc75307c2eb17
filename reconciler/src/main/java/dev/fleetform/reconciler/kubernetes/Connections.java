package dev.fleetform.reconciler.kubernetes;

import dev.fleetform.compiler.model.Cluster;
import dev.fleetform.reconciler.engine.Target;
import dev.fleetform.reconciler.engine.TargetUnavailable;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A client per cluster: from the kubeconfig ({@code --kubeconfig}, else {@code $KUBECONFIG}, else
 * {@code ~/.kube/config}) with the cluster's {@code context:}, or the pod's service account when
 * Fleetform runs in the cluster and has no kubeconfig. Clients are made once and kept.
 */
public final class Connections implements AutoCloseable {
    private static final String SERVICE_ACCOUNT_TOKEN = "/var/run/secrets/kubernetes.io/serviceaccount/token";
    private static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final Path kubeconfig;
    private final Duration requestTimeout;
    private final Map<String, KubernetesClient> clients = new HashMap<>();
    private final boolean owned;

    private Connections(Path kubeconfig, Duration requestTimeout, Map<String, KubernetesClient> given, boolean owned) {
        this.kubeconfig = kubeconfig;
        this.requestTimeout = requestTimeout;
        this.clients.putAll(given);
        this.owned = owned;
    }

    /** @param explicitOrNull {@code --kubeconfig}, or null to use {@code $KUBECONFIG} or {@code ~/.kube/config} */
    public static Connections kubeconfig(Path explicitOrNull) {
        return kubeconfig(explicitOrNull, DEFAULT_REQUEST_TIMEOUT);
    }

    /** @param requestTimeout how long one request may take before it counts as failed (and is retried) */
    public static Connections kubeconfig(Path explicitOrNull, Duration requestTimeout) {
        return new Connections(resolve(explicitOrNull), Objects.requireNonNull(requestTimeout), Map.of(), true);
    }

    /** Given clients by cluster name (tests); they stay the caller's to close. */
    public static Connections of(Map<String, KubernetesClient> byCluster) {
        return new Connections(null, DEFAULT_REQUEST_TIMEOUT, byCluster, false);
    }

    /** The kubeconfig file it reads, or null when there is none. */
    public Path kubeconfigPath() {
        return kubeconfig;
    }

    public synchronized KubernetesClient client(Cluster c) throws TargetUnavailable {
        KubernetesClient client = clients.get(c.name());
        if (client != null) return client;
        Target target = new Target("k8s/" + c.name());
        if (!owned) {
            throw new TargetUnavailable(target, "no client for cluster " + c.name(), "give Connections.of a client for it", null);
        }
        client = new KubernetesClientBuilder().withConfig(config(target, c)).build();
        clients.put(c.name(), client);
        return client;
    }

    private Config config(Target target, Cluster c) throws TargetUnavailable {
        Config base;
        if (kubeconfig == null) {
            if (!inPod()) {
                throw new TargetUnavailable(target, "no kubeconfig: --kubeconfig not given, $KUBECONFIG not set and ~/.kube/config missing",
                        "give --kubeconfig PATH with a context '" + c.context() + "' for cluster " + c.name(), null);
            }
            base = Config.autoConfigure(null); // the pod's service account: the cluster it runs in
        } else {
            base = fromKubeconfig(target, c);
        }
        // Failsafe retries (Requests), not the client: one place decides how often and how long
        return new ConfigBuilder(base)
                .withRequestTimeout((int) requestTimeout.toMillis())
                .withConnectionTimeout((int) Math.min(requestTimeout.toMillis(), 10_000))
                .withRequestRetryBackoffLimit(0)
                .build();
    }

    private Config fromKubeconfig(Target target, Cluster c) throws TargetUnavailable {
        File file = kubeconfig.toFile();
        io.fabric8.kubernetes.api.model.Config parsed;
        try {
            parsed = KubeConfigUtils.parseConfig(file);
        } catch (RuntimeException e) {
            throw new TargetUnavailable(target, "cannot read kubeconfig " + shown(kubeconfig) + ": " + e.getMessage(),
                    "check that it is a kubeconfig file (kubectl config view --kubeconfig " + kubeconfig + ")", e);
        }
        List<String> contexts = parsed.getContexts() == null ? List.of()
                : parsed.getContexts().stream().map(NamedContext::getName).toList();
        if (c.context() == null || !contexts.contains(c.context())) {
            throw new TargetUnavailable(target, "kubeconfig " + shown(kubeconfig) + " has no context '" + c.context()
                    + "' (it has: " + (contexts.isEmpty() ? "none" : String.join(", ", contexts)) + ")",
                    "add the context (kubectl config set-context " + c.context() + " ...), give --kubeconfig, or fix clusters[" 
                            + c.name() + "].context in fleet.yaml", null);
        }
        try {
            return Config.fromKubeconfig(c.context(), file);
        } catch (RuntimeException e) {
            throw new TargetUnavailable(target, "cannot use context '" + c.context() + "' of kubeconfig " + shown(kubeconfig) + ": "
                    + e.getMessage(), "check its cluster and user entries (kubectl config view --minify --context " + c.context() + ")", e);
        }
    }

    static Path resolve(Path explicit) {
        if (explicit != null) return explicit;
        String env = System.getenv("KUBECONFIG");
        if (env != null && !env.isBlank()) {
            // a list of files, as kubectl takes it: the first that exists
            for (String p : env.split(File.pathSeparator)) if (!p.isBlank() && Files.isRegularFile(Path.of(p))) return Path.of(p);
        }
        Path home = Path.of(System.getProperty("user.home"), ".kube", "config");
        return Files.isRegularFile(home) ? home : null;
    }

    private static boolean inPod() {
        return System.getenv("KUBERNETES_SERVICE_HOST") != null && Files.isRegularFile(Path.of(SERVICE_ACCOUNT_TOKEN));
    }

    private static String shown(Path p) {
        String home = System.getProperty("user.home");
        String s = p.toString();
        return home != null && s.startsWith(home + File.separator) ? "~" + s.substring(home.length()) : s;
    }

    @Override
    public synchronized void close() {
        if (owned) clients.values().forEach(KubernetesClient::close);
        clients.clear();
    }
}
