package dev.fleetform.cli;

import dev.fleetform.changes.Address;
import dev.fleetform.compiler.Validation;
import dev.fleetform.compiler.Validator;
import dev.fleetform.compiler.emit.EmitContext;
import dev.fleetform.compiler.emit.Templates;
import dev.fleetform.compiler.work.Workers;
import dev.fleetform.reconciler.engine.Target;
import dev.fleetform.reconciler.kubernetes.Connections;
import dev.fleetform.reconciler.kubernetes.KubernetesProvider;
import dev.fleetform.reconciler.kubernetes.apiserver.ApiServer;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code fleetform reconcile --once} as a user runs it: against a git repository and the test API server. */
class ReconcileCommandTest {
    private static final Path EXAMPLE = Cli.repoRoot().resolve("fleet-repo-example");

    @TempDir
    Path dir;
    ApiServer api;
    Path kubeconfig;
    Path repo;

    @BeforeEach
    void setUp() throws Exception {
        api = ApiServer.start();
        kubeconfig = api.kubeconfig(dir.resolve("kubeconfig"), "prod-admin");
        Validation v = new Validator(Workers.callerOnly()).validateFile(EXAMPLE.resolve("fleet.yaml"));
        try (Connections none = Connections.of(Map.of())) {
            new KubernetesProvider(v.fleet(), v.index(), new EmitContext(Templates.builtIn()), none, KubernetesProvider.Options.defaults())
                    .desired(new Target("k8s/prod")).all().keySet().stream().map(a -> (Address.Kube) a)
                    .filter(a -> a.kind().equals("Node")).forEach(a -> api.seed(new NodeBuilder().withNewMetadata()
                            .withName(a.name()).addToLabels("kubernetes.io/hostname", a.name()).endMetadata().build()));
        }
        api.seed(new NamespaceBuilder().withNewMetadata().withName("gpu-operator").endMetadata().build());
        for (String[] s : List.of(new String[] {"ore-keypair", "id.json"}, new String[] {"ore-keypair-priority", "id.json"},
                new String[] {"solana-rpc", "url"})) {
            api.seed(new SecretBuilder().withNewMetadata().withName(s[0]).withNamespace("mining").endMetadata()
                    .withType("Opaque").addToData(s[1], "c2VjcmV0").build());
        }
        repo = dir.resolve("fleet");
        Files.createDirectories(repo.resolve("hosts"));
        Files.copy(EXAMPLE.resolve("fleet.yaml"), repo.resolve("fleet.yaml"));
        Files.copy(EXAMPLE.resolve("known_hosts"), repo.resolve("known_hosts"));
        try (Stream<Path> hosts = Files.list(EXAMPLE.resolve("hosts"))) {
            for (Path h : hosts.toList()) Files.copy(h, repo.resolve("hosts").resolve(h.getFileName()));
        }
        commit("the example fleet");
    }

    @AfterEach
    void tearDown() {
        api.close();
    }

    private void commit(String message) throws Exception {
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            git.commit().setMessage(message).setAuthor("Alice", "alice@example.org").setSign(false).call();
        }
    }

    private Cli reconcile(String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("reconcile", "--once", "--target", "k8s", "--repo", repo.toString(),
                "--kubeconfig", kubeconfig.toString(), "--cache-dir", dir.resolve("cache").toString()));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void onceAppliesTheBranchThenKeepsTheLastGoodThroughABadCommit() throws Exception {
        Cli first = reconcile();
        assertEquals(0, first.exit(), first.out() + first.err());
        assertTrue(first.out().startsWith("success: commit "), first.out());
        assertEquals(4, api.client().apps().deployments().inNamespace("mining").withName("ore-miner-priority").get().getSpec().getReplicas());

        Files.writeString(repo.resolve("fleet.yaml"), Files.readString(repo.resolve("fleet.yaml")).replace("      replicas: 4\n", "      replicas: many\n"));
        commit("typo");
        Cli bad = reconcile();
        assertEquals(1, bad.exit(), bad.out() + bad.err());
        assertTrue(bad.out().startsWith("rejected: commit ") && bad.out().contains("is invalid") && bad.out().contains("fleet.yaml:"), bad.out());
        assertTrue(bad.out().contains("kept "), bad.out());
        assertTrue(bad.err().contains("rejected"), bad.err());
    }

    @Test
    void usageMistakesAreNamed() {
        Cli unsigned = reconcile("--require-signed");
        assertEquals(64, unsigned.exit());
        assertTrue(unsigned.err().contains("--require-signed needs --trusted-keys FILE"), unsigned.err());
        Cli interval = reconcile("--interval", "5 minutes");
        assertEquals(64, interval.exit());
        assertTrue(interval.err().contains("is not a duration: write e.g. 30s, 5m, 1h30m"), interval.err());
        Cli keys = reconcile("--require-signed", "--trusted-keys", dir.resolve("missing.asc").toString());
        assertEquals(4, keys.exit());
        assertTrue(keys.err().contains("cannot read --trusted-keys: " + dir.resolve("missing.asc") + ": no such file"), keys.err());
        Path signers = dir.resolve("allowed_signers");
        try {
            java.nio.file.Files.writeString(signers, "# committers\nalice@example.org namespaces=\"git\" ssh-ed25519 AAAA!!\n");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Cli malformed = reconcile("--require-signed", "--trusted-keys", signers.toString());
        assertEquals(4, malformed.exit());
        assertTrue(malformed.err().contains("--trusted-keys: " + signers + ":2:36: not a public key of type ssh-ed25519"), malformed.err());
        assertTrue(malformed.err().contains("hint: each line: principals"), malformed.err());
        Cli advertise = reconcile("--advertise", "10.0.0.7:9797");
        assertEquals(64, advertise.exit());
        assertTrue(advertise.err().contains("--advertise is for --leader-elect"), advertise.err());
        assertEquals("10.244.1.7:9797", ReconcileCommand.advertised("10.244.1.7", 9797));
        assertEquals("[fd00::7]:9797", ReconcileCommand.advertised("fd00::7", 9797));
        assertEquals(null, ReconcileCommand.advertised(null, 9797), "outside a pod: no address, a standby answers hooks 503");
        Cli elect = reconcile("--leader-elect");
        assertEquals(64, elect.exit());
        assertTrue(elect.err().contains("--once and --leader-elect do not go together"), elect.err());
        Cli token = reconcile("--token-env", "FLEETFORM_TEST_NO_SUCH_VARIABLE");
        assertEquals(4, token.exit());
        assertTrue(token.err().contains("$FLEETFORM_TEST_NO_SUCH_VARIABLE is not set"), token.err());
    }

    @Test
    void sigtermEndsTheDaemonCleanlyAfterItsCurrentStep() throws Exception {
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"), "dev.fleetform.cli.Main",
                "reconcile", "--target", "k8s", "--repo", repo.toString(), "--interval", "1h", "--listen", "127.0.0.1:0",
                "--kubeconfig", kubeconfig.toString(), "--cache-dir", dir.resolve("cache").toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        List<String> lines = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        Thread reader = Thread.ofVirtual().start(() -> {
            try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(p.getErrorStream()))) {
                for (String l; (l = in.readLine()) != null; ) lines.add(l);
            } catch (java.io.IOException ignored) {
                // the process ended
            }
        });
        try {
            java.time.Instant end = java.time.Instant.now().plusSeconds(120);
            while (lines.stream().noneMatch(l -> l.contains("run 1 (startup): success"))) {
                if (java.time.Instant.now().isAfter(end) || !p.isAlive()) throw new AssertionError("no first run: " + lines);
                Thread.sleep(50);
            }
            String started = lines.stream().filter(l -> l.contains("http://")).findFirst().orElseThrow();
            java.util.regex.Matcher at = java.util.regex.Pattern.compile("http://[0-9.]+:[0-9]+").matcher(started);
            assertTrue(at.find(), started);
            String url = at.group() + "/readyz";
            var ready = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ready.statusCode(), ready.body());
            new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).inheritIO().start().waitFor(); // what systemd and kubelet send
            assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "still running after SIGTERM");
            reader.join(10_000);
            assertTrue(lines.contains("fleetform reconcile: stopped"), "exit " + p.exitValue() + ": " + lines);
            assertTrue(p.exitValue() == 0 || p.exitValue() == 143, "exit " + p.exitValue());
        } finally {
            p.destroyForcibly();
        }
    }
}
