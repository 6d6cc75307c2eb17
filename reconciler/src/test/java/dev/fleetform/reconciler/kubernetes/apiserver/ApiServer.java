package dev.fleetform.reconciler.kubernetes.apiserver;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;

/**
 * A Kubernetes API server for tests: fabric8's KubernetesMockServer in CRUD mode, made to behave
 * as kube-apiserver does where a GitOps reconciler can tell. Every create, PUT and patch is
 * defaulted (so GET and LIST answer what a real server answers), keeps status as the kind's
 * strategy does, bumps generation only on spec changes, records managedFields and stores
 * quantities canonical; a write that changes nothing stores nothing (same resourceVersion). A
 * Deployment's status is then written by a stand-in for its controller ({@link #rollouts}), in a
 * revision of its own: the write's answer still shows the old status, as a real one does.
 * NotFound, AlreadyExists, Conflict, a JSON Patch that cannot apply and annotations over
 * 256 KiB (both 422 Invalid) answer the real server's Status. Every request is recorded; faults can be injected.
 *
 * <pre>{@code
 * try (ApiServer api = ApiServer.start()) {
 *     api.seed("kubernetes/live/deployment-miner.yaml");      // a real `kubectl get -o yaml`
 *     Path kubeconfig = api.kubeconfig(dir.resolve("kubeconfig"), "prod");
 *     ... run the code under test against kubeconfig, context "prod" ...
 *     assertEquals(0, api.writes());
 * }
 * }</pre>
 *
 * <p>What the mock still does differently is pinned by {@code ApiServerQuirksTest}: merge-patch
 * is not RFC 7386 (a list in the patch is appended to the stored one; a null does delete, but only
 * because the fixture stores no nulls), strategic-merge and apply patches answer 415, set-based label selectors are
 * dropped, {@code dryRun} is persisted, deleting a Namespace leaves its objects, objects can be
 * created in a Namespace that does not exist, {@code limit} is ignored (one page, no continue).
 * Also: no admission or validation (a Deployment
 * without a selector is stored), {@code /scale} answers the whole object, watch events still carry
 * {@code metadata.generation} on kinds that have none, and fabric8's default client retries
 * 5xx and 429 on its own (a {@link #failNext} of 500 once is absorbed unless the client sets
 * {@code requestRetryBackoffLimit} to 0).
 */
public final class ApiServer implements AutoCloseable {
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final String TOKEN = "fleetform-test-token";

    /** One request as the server received it; {@code query} is null when there was none. */
    public record Recorded(String method, String path, String query, String contentType, String body) {
        public boolean isWrite() {
            return WRITES.contains(method);
        }
    }

    private final KubernetesMockServer server;
    private final FrontDispatcher front;
    private final Faults faults = new Faults();
    private final DeploymentController controller = new DeploymentController();
    private final String caData;
    private final KubernetesClient client;
    private final KubernetesClient fixtureClient;

    private ApiServer() {
        Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
        StoringDispatcher store = new StoringDispatcher(controller, Clock.systemUTC());
        front = new FrontDispatcher(expectations, store, faults);
        server = new KubernetesMockServer(new Context(Serialization.jsonMapper()), new MockWebServer(), expectations, front,
                true);
        server.start();
        caData = caData(server);
        client = new KubernetesClientBuilder().withConfig(config()).build();
        Config fixture = config();
        fixture.setCustomHeaders(Map.of(FrontDispatcher.FIXTURE_HEADER, FrontDispatcher.SEED));
        fixture.setRequestRetryBackoffLimit(0);
        fixtureClient = new KubernetesClientBuilder().withConfig(fixture).build();
    }

    /** A started server: CRUD mock, defaulting, recording, fault injection; rollouts COMPLETE. */
    public static ApiServer start() {
        return new ApiServer();
    }

    /**
     * A client on this server, configured as one read from {@link #kubeconfig} would be (fabric8's
     * defaults, namespace {@code default}). Shared: {@link #close} closes it.
     */
    public KubernetesClient client() {
        return client;
    }

    /** The server's base URL ({@code https://localhost:PORT/}). */
    public String url() {
        return server.url("/");
    }

    /**
     * Writes a kubeconfig whose cluster, user and context are named {@code context} (kept beside
     * the other entries of an existing file) and makes it the current context; returns file.
     */
    public Path kubeconfig(Path file, String context) {
        return Kubeconfig.write(file, context, serverUrl(), caData, TOKEN);
    }

    /** Every request since start or {@link #resetRequests}, in order (the fixture's own excluded). */
    public List<Recorded> requests() {
        return front.recorded();
    }

    /** How many POST, PUT, PATCH and DELETE requests came in since start or reset (status the controller writes is none). */
    public long writes() {
        return requests().stream().filter(Recorded::isWrite).count();
    }

    public void resetRequests() {
        front.clearRecorded();
    }

    /**
     * Stores {@code object} as a real server would return it after someone created it: defaulted,
     * with uid, resourceVersion, creationTimestamp, generation and managedFields (those the object
     * carries are kept: a live fixture stays as it was read), a Deployment's status per
     * {@link #rollouts}. Not recorded as a request. Returns the stored object.
     */
    public <T extends HasMetadata> T seed(T object) {
        T created = fixtureClient.resource(object).create();
        return fixtureClient.resource(created).get(); // with what the controller wrote since
    }

    /** Seeds every object of a YAML or JSON classpath resource (one object, a List, or several documents). */
    public List<HasMetadata> seed(String classpathResource) {
        String name = classpathResource.startsWith("/") ? classpathResource.substring(1) : classpathResource;
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no classpath resource " + classpathResource);
            }
            List<HasMetadata> seeded = new ArrayList<>();
            for (HasMetadata object : fixtureClient.load(in).items()) {
                seeded.add(seed(object));
            }
            return seeded;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The next {@code times} requests with this method whose path starts with {@code pathPrefix}
     * are answered with a {@code Status} of this code (and its reason: Conflict, TooManyRequests
     * with Retry-After, InternalError...) and not served.
     */
    public void failNext(String method, String pathPrefix, int status, int times) {
        faults.add(method, pathPrefix, new Faults.Fail(status), times);
    }

    /**
     * The next {@code times} matching requests are served, but answered only after {@code delay}:
     * a client that times out has still had its write applied, as with a slow real server.
     */
    public void stallNext(String method, String pathPrefix, Duration delay, int times) {
        faults.add(method, pathPrefix, new Faults.Stall(delay), times);
    }

    /**
     * From now on, creating an object in a Namespace that does not exist answers 404 NotFound
     * ({@code namespaces "mining" not found}) as a real server's admission does; the Namespaces
     * every cluster has (default, kube-system, kube-public, kube-node-lease) are seeded.
     * Off by default: the bare mock accepts any namespace.
     */
    public void requireNamespaces() {
        for (String name : List.of("default", "kube-system", "kube-public", "kube-node-lease")) {
            if (fixtureClient.namespaces().withName(name).get() == null) {
                seed(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build());
            }
        }
        front.requireNamespaces();
    }

    /**
     * COMPLETE (the default): after each Deployment write the controller stand-in writes status
     * for the new generation; switching back to COMPLETE lets it catch up on every Deployment.
     * STUCK: status stays at the generation last observed.
     */
    public void rollouts(Rollouts mode) {
        controller.mode(mode);
        if (mode == Rollouts.COMPLETE) {
            // an empty JSON Patch changes nothing, and gives the controller its turn
            for (var deployment : fixtureClient.apps().deployments().inAnyNamespace().list().getItems()) {
                fixtureClient.apps().deployments().inNamespace(deployment.getMetadata().getNamespace())
                        .withName(deployment.getMetadata().getName())
                        .patch(PatchContext.of(PatchType.JSON), "[]");
            }
        }
    }

    @Override
    public void close() {
        client.close();
        fixtureClient.close();
        server.shutdown();
    }

    private Config config() {
        String kubeconfig = Kubeconfig.render("", "fleetform-test", serverUrl(), caData, TOKEN);
        return Config.fromKubeconfig("fleetform-test", kubeconfig, null);
    }

    private String serverUrl() {
        String url = url();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String caData(KubernetesMockServer server) {
        try {
            Path pem = Path.of(server.getSelfSignedCertificate().certificatePath());
            return Base64.getEncoder().encodeToString(Files.readString(pem, StandardCharsets.US_ASCII).getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
