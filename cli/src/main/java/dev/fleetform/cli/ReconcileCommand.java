package dev.fleetform.cli;

import dev.fleetform.reconciler.loop.CommitVerifier;
import dev.fleetform.reconciler.loop.GitFailure;
import dev.fleetform.reconciler.loop.GitRemote;
import dev.fleetform.reconciler.loop.HookRelay;
import dev.fleetform.reconciler.loop.LeaderLease;
import dev.fleetform.reconciler.loop.LeaseHolder;
import dev.fleetform.reconciler.loop.LoopConfig;
import dev.fleetform.reconciler.loop.LoopMetrics;
import dev.fleetform.reconciler.loop.LoopServer;
import dev.fleetform.reconciler.loop.AllowedSigners;
import dev.fleetform.reconciler.loop.ReconcileLoop;
import dev.fleetform.reconciler.loop.TrustedKeys;
import dev.fleetform.reconciler.loop.WebhookAuth;
import dev.fleetform.reconciler.loop.status.Result;
import dev.fleetform.reconciler.loop.status.RunStatus;
import dev.fleetform.reconciler.loop.status.Trigger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import dev.fleetform.reconciler.host.ssh.SshOptions;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

@Command(name = "reconcile", exitCodeOnInvalidInput = ApplyCommand.EXIT_USAGE,
        description = {"Keep the live fleet matching a branch of the fleet repository: fetch, verify, validate, observe, apply,",
                "every interval (with jitter) or at once on a signed push hook. A commit that is invalid (or unsigned under",
                "--require-signed) is not applied: the last good one stays, and the run says why (log, /metrics, /status).",
                "Serves /metrics, /healthz, /readyz, /status and POST /hooks/git on --listen. SIGTERM ends after the current step.",
                "--leader-elect: of several replicas only the one holding a Kubernetes Lease runs; the others stand by.",
                "--once: one run, then exit 0 success, 3 blocked (awaiting approval), 1 commit refused, 4 failed or unreachable."})
final class ReconcileCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    FleetformCommand top;

    @Option(names = "--repo", required = true, paramLabel = "URL|PATH",
            description = "the fleet repository: a path, file://, https:// (with --token-env/--token-file) or ssh:// / user@host:path")
    String repo;

    @Option(names = "--target", paramLabel = "PREFIX",
            description = "only addresses starting with PREFIX, as apply --target (k8s, k8s/prod, host, host/gpu-01); repeatable")
    List<String> targets = new ArrayList<>();

    @Option(names = "--templates", paramLabel = "DIR",
            description = "templates that shadow the built-in ones, as apply --templates takes them: a folder beside fleet.yaml in the repository, read at the commit applied")
    String templates;

    @Option(names = "--branch", defaultValue = "main", description = "the branch to follow (default: ${DEFAULT-VALUE})")
    String branch;

    @Option(names = "--file", defaultValue = "fleet.yaml", description = "fleet.yaml's path in the repository (default: ${DEFAULT-VALUE}); approvals.yaml is read beside it")
    String file;

    @Option(names = "--interval", defaultValue = "5m", converter = DurationConverter.class, description = "time between runs (default: ${DEFAULT-VALUE})")
    Duration interval;

    @Option(names = "--jitter", defaultValue = "0.1", description = "each wait varies by up to this fraction of --interval (default: ${DEFAULT-VALUE})")
    double jitter;

    @Option(names = "--deadline", converter = DurationConverter.class,
            description = "a run still going after this long is abandoned at its next step (default: --interval)")
    Duration deadline;

    @Option(names = "--once", description = "one run, then exit (no HTTP server)")
    boolean once;

    @Option(names = "--listen", defaultValue = "127.0.0.1:9797", paramLabel = "HOST:PORT", description = "where to serve HTTP (default: ${DEFAULT-VALUE})")
    String listen;

    @Option(names = "--cache-dir", paramLabel = "DIR", description = "where the repository is fetched to (default: $XDG_CACHE_HOME/fleetform or ~/.cache/fleetform)")
    Path cacheDir;

    @Option(names = "--token-env", paramLabel = "NAME", description = "https: the environment variable holding the access token")
    String tokenEnv;

    @Option(names = "--token-file", paramLabel = "PATH", description = "https: a file holding the access token (a mounted Secret)")
    Path tokenFile;

    @Option(names = "--git-user", defaultValue = "x-access-token", description = "https: the user name sent with the token (default: ${DEFAULT-VALUE}; GitLab: oauth2)")
    String gitUser;

    @Option(names = "--ssh-key", paramLabel = "PATH", description = "ssh: the private key (default: ~/.ssh/id_*)")
    Path sshKey;

    @Option(names = "--known-hosts", paramLabel = "PATH", description = "ssh: the known_hosts file the server's key must be in (default: ~/.ssh/known_hosts)")
    Path knownHosts;

    @Option(names = "--webhook-secret-file", paramLabel = "PATH", description = "the push hook's shared secret, in a file")
    Path webhookSecretFile;

    @Option(names = "--webhook-secret-env", paramLabel = "NAME", description = "the push hook's shared secret, in an environment variable")
    String webhookSecretEnv;

    @Option(names = "--require-signed", description = "apply only commits signed by a key in --trusted-keys (OpenPGP or SSH)")
    boolean requireSigned;

    @Option(names = "--trusted-keys", paramLabel = "FILE",
            description = "the keys whose signatures are trusted, told apart by content: OpenPGP public keys (armored or binary), "
                    + "or an SSH allowed-signers file (git's gpg.ssh.allowedSignersFile format); repeatable, one file of each kind")
    List<Path> trustedKeys = new ArrayList<>();

    @Option(names = "--kubeconfig", paramLabel = "PATH",
            description = "kubeconfig to use (default: $KUBECONFIG, else ~/.kube/config; in a pod, its service account)")
    Path kubeconfig;

    @Option(names = "--leader-elect", description = "run only while holding the Lease --leader-elect-lease in --leader-elect-namespace (coordination.k8s.io/v1); "
            + "a replica that loses it stops after the current step")
    boolean leaderElect;

    @Option(names = "--leader-elect-namespace", paramLabel = "NS",
            description = "the Lease's namespace (default: the pod's own namespace, else " + DEFAULT_LEASE_NAMESPACE + ")")
    String leaseNamespace;

    @Option(names = "--leader-elect-lease", paramLabel = "NAME", defaultValue = "fleetform-reconciler",
            description = "the Lease's name (default: ${DEFAULT-VALUE}, as deploy/rbac.yaml grants); replicas reconciling the same fleet share it")
    String leaseName;

    @Option(names = "--leader-elect-context", paramLabel = "CONTEXT",
            description = "the kubeconfig context of the cluster holding the Lease (default: the current context; in a pod, its service account)")
    String leaseContext;

    @Option(names = "--advertise", paramLabel = "HOST:PORT",
            description = "with --leader-elect: where the other replicas reach this one's --listen server, put in the Lease so a standby "
                    + "passes push hooks on to the leader (default: $POD_IP and the --listen port; without either, a standby answers hooks 503)")
    String advertise;

    static final String DEFAULT_LEASE_NAMESPACE = "fleetform-system";
    private static final Path POD_NAMESPACE = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/namespace");

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (requireSigned && trustedKeys.isEmpty()) throw new ParameterException(spec.commandLine(), "--require-signed needs --trusted-keys FILE");
        if (leaderElect && once) throw new ParameterException(spec.commandLine(), "--once and --leader-elect do not go together: --once runs at once, "
                + "whoever leads; elect a leader only for the long-running loop");
        if (advertise != null && !leaderElect) throw new ParameterException(spec.commandLine(), "--advertise is for --leader-elect: "
                + "it tells the other replicas where to pass push hooks on to");
        if (jitter < 0 || jitter >= 1) throw new ParameterException(spec.commandLine(), "--jitter must be at least 0 and below 1");
        CommitVerifier verifier = CommitVerifier.NONE;
        if (requireSigned) {
            try {
                verifier = TrustedKeys.load(trustedKeys);
            } catch (AllowedSigners.Malformed e) {
                err.println("fleetform reconcile: --trusted-keys: " + e.getMessage());
                err.println("  hint: " + e.hint());
                err.flush();
                return ExitCodes.UNREADABLE;
            } catch (IOException e) {
                err.println("fleetform reconcile: cannot read --trusted-keys: " + e.getMessage());
                err.println("  hint: OpenPGP keys as gpg --export --armor KEYID writes them, or an SSH allowed-signers file "
                        + "(principals keytype base64-key per line)");
                err.flush();
                return ExitCodes.UNREADABLE;
            }
        }
        String token;
        WebhookAuth hooks;
        try {
            token = secret(tokenEnv, tokenFile, "token");
            String hookSecret = secret(webhookSecretEnv, webhookSecretFile, "webhook secret");
            hooks = hookSecret == null ? null : new WebhookAuth(hookSecret.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            err.println("fleetform reconcile: " + e.getMessage());
            err.flush();
            return ExitCodes.UNREADABLE;
        }
        GitRemote remote = new GitRemote(repo, gitUser, token, sshKey, knownHosts);
        LoopConfig config = new LoopConfig(remote, branch, file, cacheDir != null ? cacheDir : defaultCache(), interval, jitter,
                deadline != null ? deadline : interval, verifier, targets, templates);
        PrintWriter log = err;
        try (Families families = new Families(kubeconfig, SshOptions.defaults());
             ReconcileLoop loop = new ReconcileLoop(config, families.providers(0, targets), top.workers(), new LoopMetrics(),
                     line -> { log.println(line); log.flush(); }, Clock.systemUTC())) {
            if (once) return exit(loop.runOnce(Trigger.STARTUP), out);
            try (LoopServer server = new LoopServer(address(listen), loop, hooks);
                 LeaderLease lease = leaderElect ? lease(loop, server.address().getPort(), log) : null) {
                if (lease != null && hooks != null) {
                    // a hook that reaches the standby goes on to the leader named in the Lease
                    server.forwardHooks(new HookRelay(lease::leader, lease.settings().identity(), hooks, HOOK_FORWARD_TIMEOUT),
                            lease.settings().leaseDuration());
                }
                server.start();
                err.println("fleetform reconcile: " + remote.display() + " " + branch + ":" + file + " every " + interval
                        + "; http://" + server.address().getHostString() + ":" + server.address().getPort() + "/"
                        + (lease == null ? "" : "; leader election on Lease " + lease.settings().namespace() + "/" + lease.settings().name()
                        + " as " + lease.settings().identity()));
                err.flush();
                // SIGTERM: the run in progress finishes its step, then the JVM may exit. Not a join
                // of this thread: after the command it calls System.exit, which waits for the hooks.
                CountDownLatch stopped = new CountDownLatch(1);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    log.println("fleetform reconcile: stopping: finishing the current step");
                    log.flush();
                    loop.stop();
                    try {
                        stopped.await(config.deadline().toMillis() + 10_000, TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    // released once the step is done: the standby takes over without waiting for it to expire
                    if (lease != null) lease.close();
                }, "fleetform-shutdown"));
                try {
                    loop.runForever();
                } finally {
                    stopped.countDown();
                }
            }
            return ExitCodes.OK;
        } catch (LeaderLease.Unavailable e) {
            err.println("fleetform reconcile: " + e.getMessage());
            err.println("  hint: " + e.hint());
            err.flush();
            return ExitCodes.UNREADABLE;
        } catch (GitFailure e) {
            err.println("fleetform reconcile: " + e.getMessage());
            err.println("  hint: " + e.hint());
            err.flush();
            return ExitCodes.UNREADABLE;
        }
    }

    /** Stands for the Lease; the loop runs only while it is held, and at once when it is taken. */
    private LeaderLease lease(ReconcileLoop loop, int listenPort, PrintWriter log) {
        String ns = leaseNamespace != null ? leaseNamespace : podNamespace();
        String name = firstSet(System.getenv("POD_NAME"), System.getenv("HOSTNAME"), hostName());
        String reachable = advertise != null ? advertise : advertised(System.getenv("POD_IP"), listenPort);
        String identity;
        try {
            identity = new LeaseHolder(name, reachable).identity();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--advertise/--leader-elect: " + e.getMessage() + " (write HOST:PORT, e.g. 10.0.0.7:9797)");
        }
        loop.actOnlyWhen(() -> false); // standby until the lease is held: never a run before
        LeaderLease lease = LeaderLease.start(kubeconfig, leaseContext, LeaderLease.Settings.of(ns, leaseName, identity), loop::trigger,
                line -> { log.println(line); log.flush(); });
        loop.actOnlyWhen(lease::leading);
        return lease;
    }

    /** A standby hands a hook to the leader within this, or answers 503 (GitHub gives up on a delivery after 10 s). */
    static final java.time.Duration HOOK_FORWARD_TIMEOUT = java.time.Duration.ofSeconds(5);

    /** {@code $POD_IP:port} (the downward API's status.podIP), or null outside a pod. */
    static String advertised(String podIp, int port) {
        return podIp == null || podIp.isBlank() ? null : LeaseHolder.address(podIp.strip(), port);
    }

    private static String podNamespace() {
        try {
            if (Files.isRegularFile(POD_NAMESPACE)) {
                String ns = Files.readString(POD_NAMESPACE).strip();
                if (!ns.isEmpty()) return ns;
            }
        } catch (IOException e) {
            // not readable: fall back
        }
        return DEFAULT_LEASE_NAMESPACE;
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "fleetform-" + ProcessHandle.current().pid();
        }
    }

    private static String firstSet(String... values) {
        for (String v : values) if (v != null && !v.isBlank()) return v;
        throw new IllegalStateException("no identity");
    }

    private static int exit(RunStatus run, PrintWriter out) {
        out.println(run.result().jsonName() + ": " + run.message());
        out.flush();
        return switch (run.result()) {
            case SUCCESS -> ExitCodes.OK;
            case BLOCKED -> ApplyCommand.EXIT_BLOCKED;
            case REJECTED -> ExitCodes.INVALID;
            case FAILED, UNREACHABLE, ABANDONED, RUNNING -> ExitCodes.UNREADABLE;
        };
    }

    /** A secret from an environment variable or a file (trailing newline dropped), or null when neither is given. */
    private String secret(String env, Path path, String what) throws IOException {
        if (env != null && path != null) throw new ParameterException(spec.commandLine(), "give the " + what + " as a file or an environment variable, not both");
        if (env != null) {
            String v = System.getenv(env);
            if (v == null || v.isBlank()) throw new IOException("the " + what + " variable $" + env + " is not set");
            return v.strip();
        }
        if (path != null) {
            try {
                String v = Files.readString(path, StandardCharsets.UTF_8).strip();
                if (v.isEmpty()) throw new IOException("the " + what + " file " + path + " is empty");
                return v;
            } catch (IOException e) {
                throw new IOException("cannot read the " + what + " file " + path + ": " + e.getMessage(), e);
            }
        }
        return null;
    }

    private InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        try {
            if (colon < 0) throw new NumberFormatException();
            String host = hostPort.substring(0, colon).replace("[", "").replace("]", "");
            int port = Integer.parseInt(hostPort.substring(colon + 1));
            if (port < 0 || port > 65535) throw new NumberFormatException();
            return new InetSocketAddress(host, port);
        } catch (NumberFormatException e) {
            throw new ParameterException(spec.commandLine(), "--listen '" + hostPort + "' is not HOST:PORT (e.g. 127.0.0.1:9797, 0.0.0.0:9797)");
        }
    }

    private static Path defaultCache() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("fleetform");
    }
}
