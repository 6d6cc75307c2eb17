package dev.fleetform.reconciler.loop;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@code --leader-elect}: a {@code coordination.k8s.io/v1} Lease held through fabric8's
 * LeaderElector, so of several replicas only one reconciles. {@link #leading()} is what the loop
 * asks before a run and between the steps of one: a replica that loses the lease stops at its
 * next step, as on SIGTERM. fabric8's elector ends once leadership is lost; this one stands again
 * for the lease until closed. Closing releases the lease, so a stopped leader hands over at once
 * rather than after {@code leaseDuration}.
 */
public final class LeaderLease implements AutoCloseable {
    /** Kubernetes' own defaults for its controllers (kube-controller-manager --leader-elect-*). */
    public static final Duration LEASE_DURATION = Duration.ofSeconds(15);
    public static final Duration RENEW_DEADLINE = Duration.ofSeconds(10);
    public static final Duration RETRY_PERIOD = Duration.ofSeconds(2);

    /** @param identity this replica's name in the Lease's holderIdentity (the pod's name) */
    public record Settings(String namespace, String name, String identity, Duration leaseDuration, Duration renewDeadline,
                           Duration retryPeriod) {
        public Settings {
            Objects.requireNonNull(namespace);
            Objects.requireNonNull(name);
            Objects.requireNonNull(identity);
            if (!(leaseDuration.compareTo(renewDeadline) > 0 && renewDeadline.compareTo(retryPeriod) > 0)) {
                throw new IllegalArgumentException("the lease must outlast the renew deadline, and that the retry period");
            }
        }

        public static Settings of(String namespace, String name, String identity) {
            return new Settings(namespace, name, identity, LEASE_DURATION, RENEW_DEADLINE, RETRY_PERIOD);
        }
    }

    private final Settings settings;
    private final LeaderElector elector;
    private final Consumer<String> log;
    private volatile boolean leading;
    private volatile String leader;
    private boolean closed;
    private CompletableFuture<?> running;
    private KubernetesClient owned; // closed with the lease when it made the client

    /**
     * @param onLead called when this replica becomes the leader (the loop runs at once)
     */
    private LeaderLease(KubernetesClient client, Settings s, Runnable onLead, Consumer<String> log) {
        this.settings = s;
        this.log = log;
        LeaderCallbacks callbacks = new LeaderCallbacks(
                () -> {
                    leading = true;
                    log.accept("fleetform reconcile: " + s.identity() + " holds the lease " + where() + ": reconciling");
                    onLead.run();
                },
                () -> {
                    if (leading) log.accept("fleetform reconcile: " + s.identity() + " lost the lease " + where() + ": stopping after the current step");
                    leading = false;
                },
                holder -> {
                    leader = holder;
                    if (!s.identity().equals(holder)) log.accept("fleetform reconcile: standby; the leader is " + holder);
                });
        this.elector = client.leaderElector().withConfig(new LeaderElectionConfigBuilder()
                .withName("fleetform-reconcile")
                .withLock(new LeaseLock(s.namespace(), s.name(), s.identity()))
                .withLeaseDuration(s.leaseDuration())
                .withRenewDeadline(s.renewDeadline())
                .withRetryPeriod(s.retryPeriod())
                .withReleaseOnCancel(true)
                .withLeaderCallbacks(callbacks)
                .build()).build();
    }

    /** The Lease's cluster cannot be reached or named: a kubeconfig or context that does not work. */
    public static final class Unavailable extends RuntimeException {
        private final String hint;

        Unavailable(String message, String hint, Throwable cause) {
            super(message, cause);
            this.hint = hint;
        }

        public String hint() {
            return hint;
        }
    }

    /**
     * Stands for the lease with a client of its own, closed with it: {@code kubeconfig} (null:
     * $KUBECONFIG or ~/.kube/config) at {@code context} (null: its current one); in a pod without
     * a kubeconfig, its service account.
     */
    public static LeaderLease start(java.nio.file.Path kubeconfig, String context, Settings settings, Runnable onLead, Consumer<String> log) {
        io.fabric8.kubernetes.client.Config config;
        try {
            config = kubeconfig != null
                    ? io.fabric8.kubernetes.client.Config.fromKubeconfig(context, kubeconfig.toFile())
                    : io.fabric8.kubernetes.client.Config.autoConfigure(context);
        } catch (RuntimeException e) {
            throw new Unavailable("--leader-elect: cannot use " + (kubeconfig == null ? "the default kubeconfig" : "kubeconfig " + kubeconfig)
                    + (context == null ? "" : " context '" + context + "'") + ": " + e.getMessage(),
                    "give --kubeconfig and --leader-elect-context for the cluster that holds the Lease (in a pod: its service account)", e);
        }
        if (config.getMasterUrl() == null || config.getMasterUrl().isBlank()) {
            throw new Unavailable("--leader-elect: no cluster to hold the Lease (no kubeconfig, not in a pod)",
                    "give --kubeconfig and --leader-elect-context", null);
        }
        KubernetesClient client = new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(config).build();
        LeaderLease l = new LeaderLease(client, settings, onLead, log);
        l.owned = client;
        l.stand();
        return l;
    }

    /** Stands for the lease from now on, in the background. */
    public static LeaderLease start(KubernetesClient client, Settings settings, Runnable onLead, Consumer<String> log) {
        LeaderLease l = new LeaderLease(client, settings, onLead, log);
        l.stand();
        return l;
    }

    private synchronized void stand() {
        if (closed) return;
        running = elector.start();
        running.whenComplete((r, e) -> {
            leading = false;
            // lost, or the API server failed: stand again after a retry period, until closed
            CompletableFuture.delayedExecutor(settings.retryPeriod().toMillis(), TimeUnit.MILLISECONDS).execute(this::stand);
        });
    }

    public boolean leading() {
        return leading;
    }

    /** The holder last seen, or null before any. */
    public String leader() {
        return leader;
    }

    public Settings settings() {
        return settings;
    }

    private String where() {
        return settings.namespace() + "/" + settings.name();
    }

    /** Stops standing; the lease is released if held (the next replica takes over without waiting for it to expire). */
    @Override
    public void close() {
        CompletableFuture<?> r;
        synchronized (this) {
            if (closed) return;
            closed = true;
            r = running;
        }
        leading = false;
        if (r != null) r.cancel(true);
        try {
            elector.release(); // again, in this thread: done before the client closes (a no-op when not the holder)
        } catch (RuntimeException e) {
            log.accept("fleetform reconcile: could not release the lease " + where() + " (it expires in " + settings.leaseDuration() + "): " + e.getMessage());
        }
        if (owned != null) owned.close();
        log.accept("fleetform reconcile: " + settings.identity() + " left the election for " + where());
    }
}
