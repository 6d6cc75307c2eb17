package dev.fleetform.reconciler.loop;

import dev.fleetform.compiler.work.Workers;
import dev.fleetform.reconciler.engine.Providers;
import dev.fleetform.reconciler.kubernetes.KubeFixture;
import dev.fleetform.reconciler.kubernetes.KubernetesProvider;
import dev.fleetform.reconciler.loop.status.Result;
import dev.fleetform.reconciler.loop.status.RunStatus;
import dev.fleetform.reconciler.loop.status.Trigger;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.fleetform.reconciler.loop.ReconcileLoopTest.PRIORITY;
import static dev.fleetform.reconciler.loop.ReconcileLoopTest.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --leader-elect}: two replicas against one API server and one fleet repository. Only the
 * lease holder runs (the other stays standby, even when a push hook reaches it); stopping the
 * leader releases the lease and the other takes over and applies what was pushed since. A replica
 * that loses the lease during a run stops before its next step, writing nothing.
 */
class LeaderLeaseTest {
    static final String NS = "fleetform-system";
    static final String LEASE = "fleetform-reconciler"; // the name deploy/rbac.yaml grants get and patch on

    KubeFixture kube;
    FleetRepo repo;
    final List<String> log = Collections.synchronizedList(new ArrayList<>());
    final List<AutoCloseable> closing = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        kube = new KubeFixture().seedCluster();
        repo = new FleetRepo();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : closing.reversed()) c.close();
        repo.close();
        kube.close();
    }

    /** One replica: its own cache, the shared repository and cluster. */
    record Replica(String name, ReconcileLoop loop, LeaderLease lease, Thread runner) {
        long runs() {
            return loop.status().recentRuns().size();
        }
    }

    Replica replica(String name) throws Exception {
        Providers providers = (v, ctx) -> List.of(new KubernetesProvider(v.fleet(), v.index(), ctx, kube.connections, KubeFixture.OPTIONS));
        LoopConfig config = new LoopConfig(GitRemote.of(repo.url()), "main", "fleet.yaml", Files.createTempDirectory("ff-lease-" + name),
                Duration.ofHours(1), 0, Duration.ofMinutes(5), CommitVerifier.NONE);
        ReconcileLoop loop = new ReconcileLoop(config, providers, Workers.callerOnly(), new LoopMetrics(), l -> log.add(name + ": " + l),
                Clock.systemUTC());
        // short periods so the test hands over in seconds; the order of the three is what matters
        LeaderLease.Settings s = new LeaderLease.Settings(NS, LEASE, name, Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofMillis(250));
        LeaderLease lease = LeaderLease.start(kube.client(), s, loop::trigger, l -> log.add(name + ": " + l));
        loop.actOnlyWhen(lease::leading);
        Thread runner = Thread.ofVirtual().name("loop-" + name).start(loop::runForever);
        Replica r = new Replica(name, loop, lease, runner);
        closing.add(() -> stop(r));
        return r;
    }

    static final byte[] SECRET = "hook-secret".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    /** A replica as {@code reconcile --leader-elect --listen … --advertise …} runs it: its HTTP server's address in the Lease, hooks forwarded. */
    record Served(Replica replica, LoopServer server, String identity, String base) {
    }

    Served served(String name) throws Exception {
        Providers providers = (v, ctx) -> List.of(new KubernetesProvider(v.fleet(), v.index(), ctx, kube.connections, KubeFixture.OPTIONS));
        LoopConfig config = new LoopConfig(GitRemote.of(repo.url()), "main", "fleet.yaml", Files.createTempDirectory("ff-lease-" + name),
                Duration.ofHours(1), 0, Duration.ofMinutes(5), CommitVerifier.NONE);
        ReconcileLoop loop = new ReconcileLoop(config, providers, Workers.callerOnly(), new LoopMetrics(), l -> log.add(name + ": " + l),
                Clock.systemUTC());
        loop.actOnlyWhen(() -> false);
        LoopServer server = new LoopServer(new java.net.InetSocketAddress("127.0.0.1", 0), loop, new WebhookAuth(SECRET));
        server.start();
        String identity = new LeaseHolder(name, LeaseHolder.address("127.0.0.1", server.address().getPort())).identity();
        LeaderLease.Settings s = new LeaderLease.Settings(NS, LEASE, identity, Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofMillis(250));
        LeaderLease lease = LeaderLease.start(kube.client(), s, loop::trigger, l -> log.add(name + ": " + l));
        loop.actOnlyWhen(lease::leading);
        server.forwardHooks(new HookRelay(lease::leader, identity, new WebhookAuth(SECRET), Duration.ofSeconds(5)), s.leaseDuration());
        Thread runner = Thread.ofVirtual().name("loop-" + name).start(loop::runForever);
        Replica r = new Replica(name, loop, lease, runner);
        closing.add(() -> {
            stop(r);
            server.close();
        });
        return new Served(r, server, identity, "http://127.0.0.1:" + server.address().getPort());
    }

    static java.net.http.HttpResponse<String> hook(String base, java.util.Map<String, String> headers) throws Exception {
        byte[] body = "{\"ref\":\"refs/heads/main\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        var req = java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/hooks/git"))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body));
        for (var h : headers.entrySet()) {
            req.header(h.getKey(), h.getValue().equals("SIGN") ? new WebhookAuth(SECRET).githubSignature(body) : h.getValue());
        }
        return java.net.http.HttpClient.newHttpClient().send(req.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aHookThatReachesTheStandbyIsPassedOnToTheLeader() throws Exception {
        Served a = served("replica-a");
        waitFor(() -> a.replica().lease().leading(), Duration.ofSeconds(30), "replica-a to take the lease");
        Served b = served("replica-b");
        waitFor(() -> a.replica().loop().status().ready() && !a.replica().loop().status().running(), Duration.ofSeconds(60), "replica-a's first run");
        waitFor(() -> a.identity().equals(b.replica().lease().leader()), Duration.ofSeconds(30), "replica-b to see the leader");
        assertEquals(a.identity(), holder(), "the Lease names the leader and where it listens");
        assertTrue(a.identity().matches("replica-a@127\\.0\\.0\\.1:\\d+"), a.identity());

        // GitHub's signature, to the standby: verified there, passed on, and the leader runs at once
        RevCommit five = repo.edit("      replicas: 4\n", "      replicas: 5\n").commitAndPush("five");
        var github = hook(b.base(), java.util.Map.of(WebhookAuth.GITHUB, "SIGN"));
        assertEquals(202, github.statusCode(), github.body());
        assertEquals("run queued on the leader replica-a (forwarded by the standby replica-b)\n", github.body());
        waitFor(() -> a.replica().loop().status().lastApplied().sha().equals(five.name()), Duration.ofSeconds(30), "the leader to apply five");
        assertEquals(Trigger.WEBHOOK, a.replica().loop().status().recentRuns().getFirst().trigger());
        assertEquals(5, replicas());

        // GitLab's token (the secret itself) to the standby: passed on re-signed, the token stays with the standby
        RevCommit six = repo.edit("      replicas: 5\n", "      replicas: 6\n").commitAndPush("six");
        var gitlab = hook(b.base(), java.util.Map.of(WebhookAuth.GITLAB, "hook-secret"));
        assertEquals(202, gitlab.statusCode(), gitlab.body());
        waitFor(() -> a.replica().loop().status().lastApplied().sha().equals(six.name()), Duration.ofSeconds(30), "the leader to apply six");
        assertEquals(0, b.replica().runs(), "the standby never ran");

        // a bad signature is refused by the standby itself and goes nowhere
        long aRuns = a.replica().runs();
        var forged = hook(b.base(), java.util.Map.of(WebhookAuth.GITHUB, "sha256=" + "0".repeat(64)));
        assertEquals(403, forged.statusCode());
        var unsigned = hook(b.base(), java.util.Map.of());
        assertEquals(401, unsigned.statusCode());
        Thread.sleep(500);
        assertEquals(aRuns, a.replica().runs(), "nothing reached the leader");

        // a hook already forwarded is not forwarded again (no ping-pong while the lease changes hands)
        var again = hook(b.base(), java.util.Map.of(WebhookAuth.GITHUB, "SIGN", HookRelay.FORWARDED_BY, "replica-c@127.0.0.1:1"));
        assertEquals(503, again.statusCode());
        assertEquals(java.util.Optional.of("3"), again.headers().firstValue("Retry-After"), "come back after a lease duration");
        assertTrue(again.body().contains("forwarded by replica-c@127.0.0.1:1, but this replica does not hold the leader lease"), again.body());

        // the leader's server is gone while it still holds the lease: 503, retry later
        a.server().close();
        var unreachable = hook(b.base(), java.util.Map.of(WebhookAuth.GITHUB, "SIGN"));
        assertEquals(503, unreachable.statusCode());
        assertEquals(java.util.Optional.of("3"), unreachable.headers().firstValue("Retry-After"));
        assertTrue(unreachable.body().startsWith("standby: cannot reach the leader replica-a at 127.0.0.1:"), unreachable.body());
    }

    static void stop(Replica r) throws InterruptedException {
        r.lease.close();
        r.loop.stop();
        r.runner.join(TimeUnit.MINUTES.toMillis(2));
        r.loop.close();
    }

    String holder() {
        Lease l = kube.client().leases().inNamespace(NS).withName(LEASE).get();
        return l == null || l.getSpec() == null ? null : l.getSpec().getHolderIdentity();
    }

    int replicas() {
        return kube.client().apps().deployments().inNamespace("mining").withName(PRIORITY).get().getSpec().getReplicas();
    }

    @Test
    void onlyTheLeaderAppliesAndStoppingItHandsOver() throws Exception {
        Replica a = replica("replica-a");
        waitFor(() -> a.lease.leading(), Duration.ofSeconds(30), "replica-a to take the lease");
        Replica b = replica("replica-b");
        waitFor(() -> a.loop.status().ready() && !a.loop.status().running(), Duration.ofSeconds(60), "replica-a's first run");
        waitFor(() -> "replica-a".equals(b.lease.leader()), Duration.ofSeconds(30), "replica-b to see the leader");
        assertEquals("replica-a", holder(), "the Lease in the API server names the leader");
        assertEquals(4, replicas());

        // a push, and the hook reaches both replicas: only the leader runs
        RevCommit five = repo.edit("      replicas: 4\n", "      replicas: 5\n").commitAndPush("five");
        long before = a.runs();
        a.loop.trigger();
        b.loop.trigger();
        waitFor(() -> a.loop.status().lastApplied().sha().equals(five.name()), Duration.ofSeconds(60), "the leader to apply five");
        assertEquals(before + 1, a.runs());
        assertEquals(5, replicas());
        assertTrue(b.loop.standby());
        assertEquals(0, b.runs(), "the standby never ran");
        assertFalse(b.loop.status().ready());
        assertTrue(log.stream().anyMatch(l -> l.equals("replica-b: fleetform reconcile: standby, not the leader: no run")), log.toString());

        // the leader stops (SIGTERM on a rolling update): it releases the lease, the standby takes over
        RevCommit six = repo.edit("      replicas: 5\n", "      replicas: 6\n").commitAndPush("six");
        long aRuns = a.runs();
        stop(a);
        assertFalse("replica-a".equals(holder()), "released on stop, not left to expire");
        waitFor(() -> b.lease.leading(), Duration.ofSeconds(30), "replica-b to take the lease");
        waitFor(() -> b.loop.status().ready() && b.loop.status().lastApplied().sha().equals(six.name()), Duration.ofSeconds(60),
                "the new leader to apply six");
        assertEquals(6, replicas());
        assertEquals("replica-b", holder());
        assertEquals(aRuns, a.runs(), "the old leader did nothing more");
        assertEquals(Trigger.WEBHOOK, b.loop.status().recentRuns().getLast().trigger(), "it ran as soon as it led, not an interval later");

        // what the election asked of the API server: exactly the verbs deploy/rbac.yaml's Role grants on Leases
        String leases = "/apis/coordination.k8s.io/v1/namespaces/" + NS + "/leases";
        java.util.Set<String> verbs = new java.util.TreeSet<>();
        for (var r : kube.api.requests()) {
            if (!r.path().startsWith(leases)) continue;
            boolean named = r.path().equals(leases + "/" + LEASE);
            verbs.add(switch (r.method()) {
                case "GET" -> named ? "get " + LEASE : "list";
                case "POST" -> "create";
                case "PATCH" -> named ? "patch " + LEASE : "patch";
                case "PUT" -> "update";
                default -> r.method();
            });
        }
        assertEquals(java.util.Set.of("create", "get " + LEASE, "patch " + LEASE), verbs);
    }

    @Test
    void aLeaderThatLosesTheLeaseDuringARunStopsBeforeApplying() throws Exception {
        AtomicBoolean leading = new AtomicBoolean(true);
        Providers providers = (v, ctx) -> List.of(new ReconcileLoopTest.SlowObserve(
                new KubernetesProvider(v.fleet(), v.index(), ctx, kube.connections, KubeFixture.OPTIONS), () -> leading.set(false)));
        LoopConfig config = new LoopConfig(GitRemote.of(repo.url()), "main", "fleet.yaml", Files.createTempDirectory("ff-lease-lost"),
                Duration.ofHours(1), 0, Duration.ofMinutes(5), CommitVerifier.NONE);
        kube.api.resetRequests();
        try (ReconcileLoop loop = new ReconcileLoop(config, providers, Workers.callerOnly(), new LoopMetrics(), log::add, Clock.systemUTC())) {
            loop.actOnlyWhen(leading::get);
            RunStatus run = loop.runOnce(Trigger.STARTUP);
            assertEquals(Result.ABANDONED, run.result(), run.message());
            assertTrue(run.message().contains("the leader lease was lost"), run.message());
            assertEquals(0, kube.api.writes(), "observed, then stopped before applying");
            assertFalse(run.changes().isEmpty(), "what it found is still reported");
            assertTrue(loop.standby());
        }
    }

    @Test
    void aStandbyIsReadyButRefusesPushHooksSayingWhy() throws Exception {
        LoopConfig config = new LoopConfig(GitRemote.of(repo.url()), "main", "fleet.yaml", Files.createTempDirectory("ff-lease-hook"),
                Duration.ofHours(1), 0, Duration.ofMinutes(5), CommitVerifier.NONE);
        byte[] secret = "s".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (ReconcileLoop loop = new ReconcileLoop(config, (v, ctx) -> List.of(), Workers.callerOnly(), new LoopMetrics(), log::add, Clock.systemUTC());
             LoopServer server = new LoopServer(new java.net.InetSocketAddress("127.0.0.1", 0), loop, new WebhookAuth(secret))) {
            loop.actOnlyWhen(() -> false);
            server.start();
            String base = "http://127.0.0.1:" + server.address().getPort();
            var http = java.net.http.HttpClient.newHttpClient();
            var ready = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/readyz")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ready.statusCode(), "a standby is ready to take over: a rolling update can proceed");
            assertTrue(ready.body().startsWith("standby"), ready.body());
            byte[] body = "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            var hook = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/hooks/git"))
                    .header(WebhookAuth.GITHUB, new WebhookAuth(secret).githubSignature(body))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(503, hook.statusCode());
            assertTrue(hook.body().contains("does not hold the leader lease"), hook.body());
            assertEquals(java.util.Optional.of("15"), hook.headers().firstValue("Retry-After"));
            assertEquals(0, loop.status().recentRuns().size());

            // with a relay: no holder known yet, or a holder that gave no address
            java.util.concurrent.atomic.AtomicReference<String> holder = new java.util.concurrent.atomic.AtomicReference<>();
            server.forwardHooks(new HookRelay(holder::get, "me@127.0.0.1:9", new WebhookAuth(secret), Duration.ofSeconds(2)), Duration.ofSeconds(15));
            for (String h : new String[] {null, "", "someone-else", "me@127.0.0.1:9"}) {
                holder.set(h);
                var r = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/hooks/git"))
                        .header(WebhookAuth.GITHUB, new WebhookAuth(secret).githubSignature(body))
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
                assertEquals(503, r.statusCode(), h);
                assertEquals(java.util.Optional.of("15"), r.headers().firstValue("Retry-After"), h);
                String want = h == null || h.isEmpty() ? "no replica holds the leader lease yet"
                        : h.equals("someone-else") ? "the leader someone-else gave no address to forward to" : "this replica's lease is lapsing";
                assertTrue(r.body().contains(want), h + ": " + r.body());
            }
            assertEquals(0, loop.status().recentRuns().size());
            var page = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertTrue(org.jsoup.Jsoup.parse(page.body()).getElementById("standby").text().contains("does not hold the leader lease"), page.body());
        }
    }
}
