package dev.fleetform.reconciler.host.monitoring;

import dev.fleetform.compiler.model.Cluster;
import dev.fleetform.compiler.model.Fleet;
import dev.fleetform.compiler.model.SecretRef;
import dev.fleetform.reconciler.engine.TargetUnavailable;
import dev.fleetform.reconciler.kubernetes.Connections;
import dev.fleetform.reconciler.kubernetes.Requests;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeSet;

/**
 * The DingTalk bridge's Kubernetes Secret references, read with the fabric8 client of the fleet's
 * cluster: the first of {@code kubernetes.clusters} (a receiver names no cluster), through
 * {@link Connections} as the Kubernetes provider reaches it. One GET of the Secret per reference (the
 * reconciler needs {@code get} on Secrets, not {@code list}); its {@code data} is base64, as an
 * API server returns it. Messages name the Secret, the key and the cluster, never a value.
 */
public final class ClusterSecrets implements BridgeSecrets.Kubernetes {
    private final Connections connections;
    private final Cluster cluster;

    private ClusterSecrets(Connections connections, Cluster cluster) {
        this.connections = connections;
        this.cluster = cluster;
    }

    /** The reader for {@code fleet}, or {@link BridgeSecrets.Kubernetes#NONE} when it declares no cluster. */
    public static BridgeSecrets.Kubernetes of(Fleet fleet, Connections connections) {
        if (fleet.clusters().isEmpty()) return BridgeSecrets.Kubernetes.NONE;
        return new ClusterSecrets(connections, fleet.clusters().getFirst());
    }

    @Override
    public String value(SecretRef.Kubernetes ref) throws BridgeSecrets.Unresolved {
        String secret = "Secret " + ref.namespace() + "/" + ref.name() + " in cluster " + cluster.name();
        String what = "secret " + ref.text() + ": ";
        KubernetesClient client;
        try {
            client = connections.client(cluster);
        } catch (TargetUnavailable e) {
            throw new BridgeSecrets.Unresolved(what + "cannot reach cluster " + cluster.name() + " to read " + secret + ": " + e.getMessage());
        }
        Secret s;
        try {
            s = client.secrets().inNamespace(ref.namespace()).withName(ref.name()).get();
        } catch (KubernetesClientException e) {
            String hint = e.getCode() == 403 ? "; the reconciler needs get on secrets in namespace " + ref.namespace() : "";
            throw new BridgeSecrets.Unresolved(what + "cannot read " + secret + " (" + Requests.describe(e) + ")" + hint);
        }
        if (s == null) {
            throw new BridgeSecrets.Unresolved(what + secret + " does not exist; create it: kubectl -n " + ref.namespace()
                    + " create secret generic " + ref.name() + " --from-literal=" + ref.key() + "=...");
        }
        Map<String, String> data = s.getData();
        if (data != null && data.containsKey(ref.key())) {
            try {
                return new String(Base64.getDecoder().decode(data.get(ref.key()).strip()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new BridgeSecrets.Unresolved(what + "the key " + ref.key() + " of " + secret + " is not base64");
            }
        }
        // stringData is write-only on a real API server; a mock or an old object may still carry it
        if (s.getStringData() != null && s.getStringData().containsKey(ref.key())) return s.getStringData().get(ref.key());
        TreeSet<String> keys = new TreeSet<>();
        if (data != null) keys.addAll(data.keySet());
        throw new BridgeSecrets.Unresolved(what + secret + " has no key " + ref.key() + " (it has: "
                + (keys.isEmpty() ? "none" : String.join(", ", keys)) + ")");
    }
}
