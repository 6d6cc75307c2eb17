package dev.fleetform.reconciler.kubernetes;

import dev.fleetform.compiler.model.Miner;
import dev.fleetform.compiler.model.MinerSecret;
import dev.fleetform.compiler.model.SecretRef;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Whether the Secrets a miner references exist with their keys, before any of its workloads is
 * written (a Deployment whose Secret is missing never starts). One GET per Secret: the
 * reconciler may {@code get} Secrets but not {@code list} them, and reads no value.
 */
final class SecretCheck {
    /** Why a miner's workloads cannot be written, and whether that is a refusal (missing) or a failure (unreadable). */
    record Problem(boolean missing, String why) {
    }

    private final KubernetesClient client;
    private final Requests requests;
    private final Map<String, Object> secrets = new HashMap<>(); // ns/name -> Secret, or the KubernetesClientException

    SecretCheck(KubernetesClient client, Requests requests) {
        this.client = client;
        this.requests = requests;
    }

    /** The first problem with the miner's secrets (in name order), or null when all are there. */
    Problem check(Miner m) {
        for (MinerSecret s : new TreeMap<>(m.secrets()).values()) {
            if (!(s.secretRef() instanceof SecretRef.Kubernetes ref)) continue;
            Object got = secret(ref.namespace(), ref.name());
            if (got instanceof KubernetesClientException e) {
                return new Problem(false, "cannot read secret " + ref.namespace() + "/" + ref.name() + " (miner " + m.name()
                        + ", secrets." + s.name() + "): " + Requests.describe(e)
                        + "; the reconciler needs get on secrets in namespace " + ref.namespace());
            }
            Secret secret = (Secret) got;
            if (secret == null) {
                return new Problem(true, "secret " + ref.namespace() + "/" + ref.name() + " does not exist (miner " + m.name()
                        + ", secrets." + s.name() + " = " + ref.text() + "); create it first: kubectl -n " + ref.namespace()
                        + " create secret generic " + ref.name() + " --from-file=" + ref.key() + "=PATH");
            }
            boolean hasKey = secret.getData() != null && secret.getData().containsKey(ref.key())
                    || secret.getStringData() != null && secret.getStringData().containsKey(ref.key());
            if (!hasKey) {
                return new Problem(true, "secret " + ref.namespace() + "/" + ref.name() + " has no key '" + ref.key() + "' (miner "
                        + m.name() + ", secrets." + s.name() + " = " + ref.text() + "); add the key to the secret or fix the secretRef");
            }
        }
        return null;
    }

    private Object secret(String namespace, String name) {
        Object got = secrets.computeIfAbsent(namespace + "/" + name, k -> {
            try {
                Secret s = requests.call(() -> client.secrets().inNamespace(namespace).withName(name).get());
                return s == null ? NONE : s;
            } catch (KubernetesClientException e) {
                return e;
            }
        });
        return got == NONE ? null : got;
    }

    private static final Object NONE = new Object();
}
