package dev.fleetform.reconciler.loop;

import dev.fleetform.compiler.work.Workers;
import dev.fleetform.reconciler.engine.Providers;
import dev.fleetform.reconciler.kubernetes.KubeFixture;
import dev.fleetform.reconciler.kubernetes.KubernetesProvider;
import dev.fleetform.reconciler.loop.status.LoopStatus;
import dev.fleetform.reconciler.loop.status.Result;
import dev.fleetform.reconciler.loop.status.RunStatus;
import dev.fleetform.reconciler.loop.status.StatusJson;
import dev.fleetform.reconciler.loop.status.TargetStatus;
import dev.fleetform.reconciler.loop.status.Trigger;
import dev.fleetform.reconciler.loop.status.Verdict;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.eclipse.jgit.revwalk.RevCommit;
import org.everit.json.schema.loader.SchemaLoader;
import org.json.JSONObject;
import org.json.JSONTokener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The loop against a bare repository on disk and the test API server: commits pushed are
 * applied, a push hook starts a run at once, a bad commit is refused and the last good one stays,
 * signatures are required when asked, drift made live between runs is corrected, and /metrics and
 * /status are what Prometheus and the status page read.
 */
class ReconcileLoopTest {
    static final String PRIORITY = "ore-miner-priority";
    static final byte[] SECRET = "hook-secret".getBytes(StandardCharsets.UTF_8);

    KubeFixture kube;
    FleetRepo repo;
    Path cache;
    final List<String> log = Collections.synchronizedList(new ArrayList<>());
    final List<AutoCloseable> closing = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        kube = new KubeFixture().seedCluster();
        repo = new FleetRepo();
        cache = Files.createTempDirectory("ff-loop-cache");
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : closing.reversed()) c.close();
        repo.close();
        kube.close();
    }

    ReconcileLoop loop(String url, Duration interval, CommitVerifier verifier) throws Exception {
        Providers providers = (v, ctx) -> List.of(new KubernetesProvider(v.fleet(), v.index(), ctx, kube.connections, KubeFixture.OPTIONS));
        LoopConfig config = new LoopConfig(GitRemote.of(url), "main", "fleet.yaml", cache, interval, 0, Duration.ofMinutes(5), verifier);
        ReconcileLoop loop = new ReconcileLoop(config, providers, Workers.callerOnly(), new LoopMetrics(), log::add, Clock.systemUTC());
        closing.add(loop);
        return loop;
    }

    int replicas(String name) {
        Deployment d = kube.client().apps().deployments().inNamespace("mining").withName(name).get();
        return d.getSpec().getReplicas();
    }

    @Test
    void aCommitIsAppliedAndABadOneIsRefusedWhileTheLastGoodStays() throws Exception {
        ReconcileLoop loop = loop(repo.url(), Duration.ofHours(1), CommitVerifier.NONE);
        RunStatus first = loop.runOnce(Trigger.STARTUP);
        assertEquals(Result.SUCCESS, first.result(), first.message() + " " + first.errors());
        assertEquals(4, replicas(PRIORITY));
        String good = first.applied().sha();

        RevCommit bad = repo.edit("      replicas: 4\n", "      replicas: four\n").commitAndPush("a typo");
        RunStatus refused = loop.runOnce(Trigger.INTERVAL);
        assertEquals(Result.REJECTED, refused.result(), refused.message());
        assertEquals(bad.name(), refused.commit().sha());
        assertEquals(Verdict.INVALID, refused.commit().verdict());
        assertEquals(good, refused.applied().sha(), "the last good commit is the one reconciled");
        assertEquals(good, loop.status().lastApplied().sha());
        assertTrue(refused.message().contains("is invalid") && refused.message().contains("kept " + good.substring(0, 7)), refused.message());
        assertTrue(refused.errors().stream().anyMatch(e -> e.file() != null && e.file().matches("fleet\\.yaml:\\d+:\\d+") && e.rule().startsWith("SCHEMA")),
                refused.errors().toString());
        assertEquals(4, replicas(PRIORITY));
        assertTrue(log.stream().anyMatch(l -> l.contains("rejected") && l.contains(bad.abbreviate(7).name())), log.toString());

        // the fix on top is applied
        RevCommit fixed = repo.edit("      replicas: four\n", "      replicas: 5\n").commitAndPush("five");
        RunStatus applied = loop.runOnce(Trigger.INTERVAL);
        assertEquals(Result.SUCCESS, applied.result(), applied.message());
        assertEquals(fixed.name(), loop.status().lastApplied().sha());
        assertEquals(5, replicas(PRIORITY));
        assertEquals(List.of(fixed.name(), bad.name(), first.commit().sha()),
                loop.status().recentCommits().stream().map(c -> c.sha()).toList());

        // a restarted loop keeps its last good commit through a bad one
        repo.edit("      replicas: 5\n", "      replicas: -1\n").commitAndPush("negative");
        ReconcileLoop again = loop(repo.url(), Duration.ofHours(1), CommitVerifier.NONE);
        assertEquals(fixed.name(), again.status().lastApplied().sha());
        RunStatus afterRestart = again.runOnce(Trigger.STARTUP);
        assertEquals(Result.REJECTED, afterRestart.result());
        assertEquals(fixed.name(), afterRestart.applied().sha());
        assertEquals(5, replicas(PRIORITY));
    }

    @Test
    void driftMadeLiveBetweenRunsIsCorrected() throws Exception {
        ReconcileLoop loop = loop(repo.url(), Duration.ofHours(1), CommitVerifier.NONE);
        assertEquals(Result.SUCCESS, loop.runOnce(Trigger.STARTUP).result());
        kube.client().apps().deployments().inNamespace("mining").withName(PRIORITY).edit(d -> {
            d.getSpec().setReplicas(1);
            d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("evil/miner:1");
            return d;
        });
        RunStatus run = loop.runOnce(Trigger.INTERVAL);
        assertEquals(Result.SUCCESS, run.result(), run.message());
        assertEquals(4, replicas(PRIORITY));
        Deployment d = kube.client().apps().deployments().inNamespace("mining").withName(PRIORITY).get();
        assertEquals("ghcr.io/regolith-labs/ore:3.4.15", d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
        TargetStatus prod = run.targets().getFirst();
        assertEquals(TargetStatus.State.CORRECTED, prod.state());
        assertTrue(prod.resources().stream().anyMatch(r -> r.address().endsWith("/Deployment/mining/" + PRIORITY)
                && r.sync().jsonName().equals("corrected")), prod.resources().toString());
        RunStatus quiet = loop.runOnce(Trigger.INTERVAL);
        assertEquals(TargetStatus.State.IN_SYNC, quiet.targets().getFirst().state());
    }

    @Test
    void underRequireSignedAnUnsignedCommitIsRefusedAndASignedOneApplied() throws Exception {
        Path keys = cache.resolve("trusted.asc");
        repo.commitSignedAndPush("signed start"); // the first commit of the repo is unsigned: sign a second on top
        Files.write(keys, repo.publicKeyArmored());
        ReconcileLoop loop = loop(repo.url(), Duration.ofHours(1), OpenPgpVerifier.load(keys));
        RunStatus first = loop.runOnce(Trigger.STARTUP);
        assertEquals(Result.SUCCESS, first.result(), first.message());
        assertNotNull(first.commit().signer());

        RevCommit unsigned = repo.edit("      replicas: 4\n", "      replicas: 6\n").commitAndPush("unsigned");
        RunStatus refused = loop.runOnce(Trigger.INTERVAL);
        assertEquals(Result.REJECTED, refused.result());
        assertEquals(Verdict.UNTRUSTED, refused.commit().verdict());
        assertEquals("unsigned", refused.commit().why());
        assertEquals(unsigned.name(), refused.commit().sha());
        assertEquals(4, replicas(PRIORITY));

        RevCommit signed = repo.commitSignedAndPush("six, signed");
        RunStatus applied = loop.runOnce(Trigger.INTERVAL);
        assertEquals(Result.SUCCESS, applied.result(), applied.message());
        assertEquals(signed.name(), applied.applied().sha());
        assertEquals(6, replicas(PRIORITY));

        // a signature by a key not trusted is refused too
        OpenPgpVerifier other = OpenPgpVerifier.load(write("other.asc", new FleetRepo().publicKeyArmored()));
        ReconcileLoop strict = loop(repo.url(), Duration.ofHours(1), other);
        RunStatus untrusted = strict.runOnce(Trigger.STARTUP);
        assertEquals(Result.REJECTED, untrusted.result());
        assertTrue(untrusted.commit().why().contains("not in --trusted-keys"), untrusted.commit().why());
    }

    Path write(String name, byte[] bytes) throws Exception {
        Path p = cache.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    @Test
    void commitsPushedAreAppliedWithinOneIntervalAndAHookRunsAtOnce() throws Exception {
        ReconcileLoop loop = loop(repo.url(), Duration.ofSeconds(2), CommitVerifier.NONE);
        LoopServer server = new LoopServer(new InetSocketAddress("127.0.0.1", 0), loop, new WebhookAuth(SECRET));
        closing.add(server);
        server.start();
        Thread runner = Thread.ofVirtual().start(loop::runForever);
        waitFor(() -> !loop.status().recentRuns().isEmpty(), Duration.ofSeconds(60), "the first run");

        RevCommit five = repo.edit("      replicas: 4\n", "      replicas: 5\n").commitAndPush("five");
        Instant pushed = Instant.now();
        waitFor(() -> loop.status().lastApplied().sha().equals(five.name()), Duration.ofSeconds(60), "the pushed commit");
        assertEquals(5, replicas(PRIORITY));
        RunStatus byInterval = loop.status().recentRuns().stream().filter(r -> r.applied() != null && r.applied().sha().equals(five.name()))
                .reduce((a, b) -> b).orElseThrow();
        assertEquals(Trigger.INTERVAL, byInterval.trigger());
        assertTrue(Duration.between(pushed, byInterval.finished()).compareTo(Duration.ofSeconds(2).plus(Duration.ofSeconds(30))) < 0);

        // hooks: refused without or with a wrong secret; a good one queues a run
        loop.stop();
        runner.join(TimeUnit.MINUTES.toMillis(2));
        assertFalse(runner.isAlive(), "the loop stops after its current step");

        ReconcileLoop slow = loop(repo.url(), Duration.ofHours(1), CommitVerifier.NONE);
        LoopServer hookServer = new LoopServer(new InetSocketAddress("127.0.0.1", 0), slow, new WebhookAuth(SECRET));
        closing.add(hookServer);
        hookServer.start();
        Thread slowRunner = Thread.ofVirtual().start(slow::runForever);
        waitFor(() -> !slow.status().recentRuns().isEmpty() && !slow.status().running(), Duration.ofSeconds(60), "the first run");
        long runsBefore = slow.status().recentRuns().size();
        String base = "http://127.0.0.1:" + hookServer.address().getPort();
        byte[] body = "{\"ref\":\"refs/heads/main\"}".getBytes(StandardCharsets.UTF_8);
        assertEquals(401, post(base + "/hooks/git", body, null, null).statusCode());
        assertEquals(403, post(base + "/hooks/git", body, "X-Hub-Signature-256", new WebhookAuth("wrong".getBytes()).githubSignature(body)).statusCode());
        assertEquals(403, post(base + "/hooks/git", body, "X-Gitlab-Token", "wrong").statusCode());
        assertEquals(runsBefore, slow.status().recentRuns().size(), "a refused hook starts no run");

        RevCommit six = repo.edit("      replicas: 5\n", "      replicas: 6\n").commitAndPush("six");
        assertEquals(202, post(base + "/hooks/git", body, "X-Hub-Signature-256", new WebhookAuth(SECRET).githubSignature(body)).statusCode());
        waitFor(() -> slow.status().lastApplied().sha().equals(six.name()), Duration.ofSeconds(60), "the hook's run");
        assertEquals(Trigger.WEBHOOK, slow.status().recentRuns().getFirst().trigger());
        assertEquals(6, replicas(PRIORITY));
        RevCommit seven = repo.edit("      replicas: 6\n", "      replicas: 7\n").commitAndPush("seven");
        assertEquals(202, post(base + "/hooks/git", body, "X-Gitlab-Token", "hook-secret").statusCode());
        waitFor(() -> slow.status().lastApplied().sha().equals(seven.name()), Duration.ofSeconds(60), "the GitLab hook's run");

        // what Prometheus and the status page read
        HttpResponse<String> metrics = get(base + "/metrics");
        assertEquals(200, metrics.statusCode());
        MetricsText m = MetricsText.parse(metrics.body());
        assertEquals(3.0, m.get("fleetform_reconcile_total{result=\"success\"}"), metrics.body());
        assertEquals(0.0, m.get("fleetform_reconcile_total{result=\"rejected\"}"));
        assertEquals(1.0, m.get("fleetform_last_applied_commit_info{sha=\"" + seven.name() + "\"}"), metrics.body());
        assertEquals(3.0, m.get("fleetform_reconcile_duration_seconds_count"));
        assertEquals(0.0, m.get("fleetform_targets_failed{provider=\"k8s\"}"), metrics.body());
        assertTrue(m.get("fleetform_last_success_timestamp_seconds") > Instant.now().getEpochSecond() - 600);
        assertEquals("counter", m.types.get("fleetform_reconcile_total"));
        assertEquals("histogram", m.types.get("fleetform_reconcile_duration_seconds"));
        Promtool.checkMetrics(metrics.body());

        HttpResponse<String> status = get(base + "/status");
        assertEquals(200, status.statusCode());
        assertTrue(status.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        SchemaLoader.builder().schemaJson(new JSONObject(new JSONTokener(StatusJson.schema()))).draftV7Support().build().load().build()
                .validate(new JSONObject(status.body()));
        assertEquals(seven.name(), new JSONObject(status.body()).getJSONObject("last_applied").getString("sha"));
        assertEquals(200, get(base + "/healthz").statusCode());
        assertEquals(200, get(base + "/readyz").statusCode());
        assertEquals(404, get(base + "/nothing").statusCode());
        slow.stop();
        slowRunner.join(TimeUnit.MINUTES.toMillis(2));
        assertFalse(slowRunner.isAlive());
        assertTrue(log.stream().anyMatch(l -> l.equals("fleetform reconcile: stopped")), log.toString());
    }

    @Test
    void aRepositoryServedOverHttpWithATokenIsFetchedAndAPushedCommitApplied() throws Exception {
        try (GitHttpServer http = new GitHttpServer(repo.root, "s3cret-token")) {
            String url = http.url("fleet.git");
            Providers providers = (v, ctx) -> List.of(new KubernetesProvider(v.fleet(), v.index(), ctx, kube.connections, KubeFixture.OPTIONS));
            LoopConfig config = new LoopConfig(new GitRemote(url, "x-access-token", "s3cret-token", null, null), "main", "fleet.yaml",
                    cache, Duration.ofHours(1), 0, Duration.ofMinutes(5), CommitVerifier.NONE);
            try (ReconcileLoop loop = new ReconcileLoop(config, providers, Workers.callerOnly(), new LoopMetrics(), log::add, Clock.systemUTC())) {
                RunStatus first = loop.runOnce(Trigger.STARTUP);
                assertEquals(Result.SUCCESS, first.result(), first.message() + first.errors());
                RevCommit five = repo.edit("      replicas: 4\n", "      replicas: 5\n").commitAndPush("five");
                RunStatus second = loop.runOnce(Trigger.INTERVAL);
                assertEquals(five.name(), second.applied().sha(), second.message());
                assertEquals(5, replicas(PRIORITY));
                assertEquals(url, loop.status().source().repository());
            }
            LoopConfig wrong = new LoopConfig(new GitRemote(url, "x-access-token", "nope", null, null), "main", "fleet.yaml",
                    Files.createTempDirectory("ff-loop-cache2"), Duration.ofHours(1), 0, Duration.ofMinutes(5), CommitVerifier.NONE);
            try (ReconcileLoop loop = new ReconcileLoop(wrong, (v, ctx) -> List.of(), Workers.callerOnly(), new LoopMetrics(), log::add, Clock.systemUTC())) {
                RunStatus run = loop.runOnce(Trigger.STARTUP);
                assertEquals(Result.UNREACHABLE, run.result());
                assertTrue(run.errors().getFirst().message().contains("cannot fetch " + url), run.errors().toString());
                assertTrue(run.errors().getFirst().hint().contains("token"), run.errors().toString());
                assertTrue(http.refused.get() > 0);
            }
        }
    }

    @Test
    void aRunPastItsDeadlineIsAbandonedBetweenStepsWithNothingWritten() throws Exception {
        // a clock that jumps past the deadline while the cluster is observed (deterministic, no sleeping)
        Instant start = Instant.parse("2026-12-02T12:00:00Z");
        java.util.concurrent.atomic.AtomicReference<Instant> now = new java.util.concurrent.atomic.AtomicReference<>(start);
        Clock clock = new Clock() {
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            public Instant instant() {
                return now.get();
            }
        };
        Providers slow = (v, ctx) -> List.of(new SlowObserve(
                new KubernetesProvider(v.fleet(), v.index(), ctx, kube.connections, KubeFixture.OPTIONS),
                () -> now.updateAndGet(t -> t.plus(Duration.ofMinutes(10)))));
        LoopConfig config = new LoopConfig(GitRemote.of(repo.url()), "main", "fleet.yaml", cache, Duration.ofHours(1), 0,
                Duration.ofMinutes(5), CommitVerifier.NONE);
        kube.api.resetRequests();
        try (ReconcileLoop loop = new ReconcileLoop(config, slow, Workers.callerOnly(), new LoopMetrics(), log::add, clock)) {
            RunStatus run = loop.runOnce(Trigger.STARTUP);
            assertEquals(Result.ABANDONED, run.result(), run.message());
            assertTrue(run.message().contains("the deadline of PT5M passed"), run.message());
            assertEquals(0, kube.api.writes(), "observed, then stopped before applying");
            assertFalse(run.changes().isEmpty());
            assertTrue(run.changes().stream().allMatch(c -> c.outcome() == dev.fleetform.reconciler.loop.status.ChangeStatus.Outcome.PENDING));
            assertFalse(loop.status().ready(), "nothing applied: not ready");
        }
    }

    /** A provider whose observe takes (on the test's clock) longer than the deadline. */
    record SlowObserve(dev.fleetform.reconciler.engine.Provider p, Runnable tick) implements dev.fleetform.reconciler.engine.Provider {
        public String family() {
            return p.family();
        }

        public List<dev.fleetform.reconciler.engine.Target> targets() {
            return p.targets();
        }

        public dev.fleetform.changes.ResourceSet desired(dev.fleetform.reconciler.engine.Target t) {
            return p.desired(t);
        }

        public dev.fleetform.reconciler.engine.Observation observe(dev.fleetform.reconciler.engine.Target t)
                throws dev.fleetform.reconciler.engine.TargetUnavailable {
            var o = p.observe(t);
            tick.run();
            return o;
        }

        public List<dev.fleetform.reconciler.engine.Outcome> apply(dev.fleetform.reconciler.engine.Target t,
                                                                   dev.fleetform.reconciler.engine.Observation o,
                                                                   List<dev.fleetform.changes.ResourceChange> changes) {
            return p.apply(t, o, changes);
        }
    }

    @Test
    void aClusterThatCannotBeObservedFailsTheRunAndIsCounted() throws Exception {
        ReconcileLoop loop = loop(repo.url(), Duration.ofHours(1), CommitVerifier.NONE);
        kube.api.failNext("GET", "/apis/apps/v1", 500, 1000);
        RunStatus run = loop.runOnce(Trigger.STARTUP);
        assertEquals(Result.FAILED, run.result(), run.message());
        assertTrue(run.message().contains("first: k8s/prod: "), run.message());
        assertEquals(TargetStatus.State.UNAVAILABLE, run.targets().getFirst().state());
        assertTrue(log.stream().anyMatch(l -> l.contains("failed") && l.contains("k8s/prod")), log.toString());
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        loop.metrics().write(out);
        MetricsText m = MetricsText.parse(out.toString(StandardCharsets.UTF_8));
        assertEquals(1.0, m.get("fleetform_targets_failed{provider=\"k8s\"}"));
        assertEquals(1.0, m.get("fleetform_reconcile_total{result=\"failed\"}"));
        assertNull(m.get("fleetform_last_success_timestamp_seconds"), "never converged: absent, not 0 (1970)");
        assertFalse(m.types.containsKey("fleetform_last_success_timestamp_seconds"), m.types.toString());
    }

    @Test
    void anUnreachableRepositoryIsReportedAndNotReady() throws Exception {
        ReconcileLoop loop = loop(cache.resolve("no-such-repo.git").toUri().toString(), Duration.ofHours(1), CommitVerifier.NONE);
        RunStatus run = loop.runOnce(Trigger.STARTUP);
        assertEquals(Result.UNREACHABLE, run.result());
        assertEquals("fetch", run.errors().getFirst().step().jsonName());
        LoopStatus s = loop.status();
        assertFalse(s.ready());

        // ssh goes through the MINA sshd transport with our known_hosts; nothing listens on port 1
        Path knownHosts = write("known_hosts", new byte[0]);
        LoopConfig ssh = new LoopConfig(new GitRemote("ssh://git@127.0.0.1:1/fleet.git", "x-access-token", null, null, knownHosts),
                "main", "fleet.yaml", Files.createTempDirectory("ff-loop-ssh"), Duration.ofHours(1), 0, Duration.ofMinutes(1), CommitVerifier.NONE);
        try (ReconcileLoop sshLoop = new ReconcileLoop(ssh, (v, ctx) -> List.of(), Workers.callerOnly(), new LoopMetrics(), log::add, Clock.systemUTC())) {
            RunStatus r = sshLoop.runOnce(Trigger.STARTUP);
            assertEquals(Result.UNREACHABLE, r.result());
            assertTrue(r.errors().getFirst().message().startsWith("cannot fetch ssh://127.0.0.1:1/fleet.git"), r.errors().toString());
            assertTrue(r.errors().getFirst().hint().contains("--known-hosts"), r.errors().toString());
        }
        SchemaLoader.builder().schemaJson(new JSONObject(new JSONTokener(StatusJson.schema()))).draftV7Support().build().load().build()
                .validate(new JSONObject(StatusJson.write(s)));
    }

    static HttpResponse<String> post(String url, byte[] body, String header, String value) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (header != null) b.header(header, value);
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Polls a condition up to a generous bound; the bound only stops a broken test from hanging. */
    static void waitFor(BooleanSupplier condition, Duration atMost, String what) throws InterruptedException {
        Instant end = Instant.now().plus(atMost);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(end)) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(50);
        }
    }
}
