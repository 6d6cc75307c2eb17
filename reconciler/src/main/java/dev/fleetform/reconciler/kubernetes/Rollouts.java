package dev.fleetform.reconciler.kubernetes;

import dev.fleetform.changes.Address;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Waits until the Deployments just written have rolled out, as {@code kubectl rollout status}
 * judges it: the controller saw the new spec (observedGeneration), and every desired replica is
 * updated and available. All are watched together against one deadline, read a namespace at a
 * time (a LIST, not a GET per Deployment: applying hundreds of miners would otherwise poll each).
 */
final class Rollouts {
    private final KubernetesClient client;
    private final Requests requests;
    private final Duration timeout;
    private final Duration poll;

    Rollouts(KubernetesClient client, Requests requests, Duration timeout, Duration poll) {
        this.client = client;
        this.requests = requests;
        this.timeout = timeout;
        this.poll = poll;
    }

    /** @return for each Deployment that did not finish, why (the others finished) */
    Map<Address.Kube, String> await(Iterable<Address.Kube> deployments) {
        Map<Address.Kube, String> pending = poll(deployments);
        pending.replaceAll((a, state) -> "rollout of " + a.namespace() + "/" + a.name() + " did not finish within " + human(timeout) + ": " + state);
        return pending;
    }

    /** The same wait for Deployments nobody wrote (their nodes changed): for each one not fully available again, why. */
    Map<Address.Kube, String> awaitAvailable(Iterable<Address.Kube> deployments) {
        Map<Address.Kube, String> pending = poll(deployments);
        pending.replaceAll((a, state) -> a.namespace() + "/" + a.name() + " was not fully available again within " + human(timeout) + ": " + state);
        return pending;
    }

    private Map<Address.Kube, String> poll(Iterable<Address.Kube> deployments) {
        Map<Address.Kube, String> pending = new LinkedHashMap<>();
        for (Address.Kube d : deployments) pending.put(d, "not read yet");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!pending.isEmpty()) {
            Map<String, List<Address.Kube>> byNamespace = new TreeMap<>();
            for (Address.Kube a : pending.keySet()) byNamespace.computeIfAbsent(a.namespace(), k -> new ArrayList<>()).add(a);
            for (var ns : byNamespace.entrySet()) {
                Map<String, Deployment> live;
                try {
                    live = read(ns.getKey(), ns.getValue());
                } catch (KubernetesClientException ex) {
                    for (Address.Kube a : ns.getValue()) pending.put(a, "cannot read it: " + Requests.describe(ex));
                    continue;
                }
                for (Address.Kube a : ns.getValue()) {
                    Deployment d = live.get(a.name());
                    if (d == null) pending.put(a, "the deployment was deleted");
                    else if (done(d)) pending.remove(a);
                    else pending.put(a, progress(d));
                }
            }
            if (pending.isEmpty() || System.nanoTime() >= deadline) break;
            try {
                Thread.sleep(poll);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return pending;
    }

    /** The namespace's Deployments by name: one GET for one, one LIST for several (never a GET each). */
    private Map<String, Deployment> read(String namespace, List<Address.Kube> wanted) {
        Map<String, Deployment> byName = new HashMap<>();
        if (wanted.size() == 1) {
            Deployment d = requests.call(() -> client.apps().deployments().inNamespace(namespace).withName(wanted.getFirst().name()).get());
            if (d != null) byName.put(d.getMetadata().getName(), d);
        } else {
            for (Deployment d : requests.call(() -> client.apps().deployments().inNamespace(namespace).list().getItems())) {
                byName.put(d.getMetadata().getName(), d);
            }
        }
        return byName;
    }

    static boolean done(Deployment d) {
        DeploymentStatus s = d.getStatus();
        if (s == null) return false;
        long generation = d.getMetadata().getGeneration() == null ? 0 : d.getMetadata().getGeneration();
        long observed = s.getObservedGeneration() == null ? -1 : s.getObservedGeneration();
        int want = replicas(d);
        return observed >= generation && value(s.getUpdatedReplicas()) >= want && value(s.getAvailableReplicas()) >= want
                && value(s.getReplicas()) <= want;
    }

    /** Where a rollout stands: "3 of 12 updated, 2 available". */
    private static String progress(Deployment d) {
        DeploymentStatus s = d.getStatus();
        if (s == null || s.getObservedGeneration() == null || d.getMetadata().getGeneration() != null
                && s.getObservedGeneration() < d.getMetadata().getGeneration()) {
            return "the deployment controller has not picked up generation " + d.getMetadata().getGeneration()
                    + " (it last saw " + (s == null || s.getObservedGeneration() == null ? "none" : s.getObservedGeneration()) + ")";
        }
        String old = value(s.getReplicas()) > replicas(d) ? ", " + (value(s.getReplicas()) - value(s.getUpdatedReplicas())) + " old replicas still running" : "";
        return value(s.getUpdatedReplicas()) + " of " + replicas(d) + " updated, " + value(s.getAvailableReplicas()) + " available" + old;
    }

    private static int replicas(Deployment d) {
        Integer r = d.getSpec() == null ? null : d.getSpec().getReplicas();
        return r == null ? 1 : r;
    }

    private static int value(Integer i) {
        return i == null ? 0 : i;
    }

    static String human(Duration d) {
        if (d.toMillis() % 60_000 == 0) return d.toMinutes() + "m";
        if (d.toMillis() % 1000 == 0) return d.toSeconds() + "s";
        return d.toMillis() + "ms";
    }
}
