package dev.fleetform.bench;

import dev.fleetform.compiler.Validation;
import dev.fleetform.compiler.Validator;
import dev.fleetform.compiler.model.Cluster;
import dev.fleetform.reconciler.kubernetes.apiserver.ApiServer;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code MockCluster FLEET KUBECONFIG}: an API server per cluster of the fleet (the reconciler's
 * test server: fabric8's CRUD mock with kube-apiserver's defaulting), seeded with what each
 * cluster holds before Fleetform runs ({@link ClusterSeed}), and a kubeconfig with each cluster's
 * {@code context:}. Prints {@code ready ...} and serves until stdin closes or SIGTERM.
 *
 * <p>Commands on stdin, one a line: {@code stats} prints the requests since start or the last
 * reset as one {@link RequestCounts#line()} (all clusters together); {@code reset} forgets them
 * and prints {@code reset}; {@code quit} stops.
 */
public final class MockCluster {
    static final String USAGE = "usage: MockCluster FLEET KUBECONFIG";

    private MockCluster() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println(USAGE);
            System.exit(2);
        }
        quiet();
        Path fleet = Path.of(args[0]);
        Path kubeconfig = Path.of(args[1]);
        Validation v = Validator.validate(fleet);
        if (v.fleet() == null || !v.valid()) {
            System.err.println("MockCluster: " + fleet + " does not validate; run fleetform validate " + fleet);
            System.exit(1);
        }
        Files.deleteIfExists(kubeconfig); // ApiServer.kubeconfig keeps the entries a file already has
        List<ApiServer> servers = new ArrayList<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> servers.forEach(ApiServer::close)));
        int desired = 0, seeded = 0;
        for (Cluster c : v.fleet().clusters()) {
            ApiServer api = ApiServer.start();
            servers.add(api);
            ClusterSeed.Seed seed = ClusterSeed.of(v, c);
            seed(api, seed.objects());
            api.kubeconfig(kubeconfig, c.context());
            desired += seed.desired();
            seeded += seed.objects().size();
        }
        servers.forEach(ApiServer::resetRequests);
        say("ready clusters=" + servers.size() + " desired=" + desired + " seeded=" + seeded + " kubeconfig=" + kubeconfig);

        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            switch (line.trim()) {
                case "stats" -> say(RequestCounts.of(servers.stream().flatMap(s -> s.requests().stream()).toList()).line());
                case "reset" -> {
                    servers.forEach(ApiServer::resetRequests);
                    say("reset");
                }
                case "quit" -> {
                    System.exit(0);
                }
                case "" -> {
                }
                default -> say("unknown command '" + line.trim() + "' (stats, reset, quit)");
            }
        }
        System.exit(0); // stdin closed: the shutdown hook stops the servers
    }

    /**
     * Seeds the objects a few at a time: each is a request, and on a busy machine their round
     * trips, not the server's work, are what takes long (1,400 one by one: about 20 s).
     */
    static void seed(ApiServer api, List<HasMetadata> objects) {
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<?>> done = new ArrayList<>();
            for (HasMetadata o : objects) done.add(pool.submit(() -> api.seed(o)));
            for (Future<?> f : done) f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while seeding", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("seeding failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** The mock web server logs every request at INFO (java.util.logging): thousands of lines that cost more than serving them. */
    static void quiet() {
        Logger.getLogger("").setLevel(Level.WARNING);
        for (Handler h : Logger.getLogger("").getHandlers()) h.setLevel(Level.WARNING);
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
