package dev.fleetform.reconciler.kubernetes.apiserver;

import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.internal.MockDispatcher;
import io.fabric8.mockwebserver.internal.SimpleRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;

/**
 * What every request meets first: it is recorded, may meet an injected fault, then goes to the
 * mock's fixed expectations ({@code /}, {@code /version}) or to the store. Requests the fixture
 * makes itself (seeding, the controller catching up) carry {@link #FIXTURE_HEADER} and are
 * neither recorded nor faulted.
 */
final class FrontDispatcher extends Dispatcher {
    static final String FIXTURE_HEADER = "X-Fleetform-Fixture";
    static final String SEED = "seed";
    /** The manager named in seeded objects' managedFields when they carry none. */
    static final String SEED_MANAGER = "kubectl-client-side-apply";

    private final Map<ServerRequest, Queue<ServerResponse>> expectations;
    private final MockDispatcher mockDispatcher;
    private final StoringDispatcher store;
    private final Faults faults;
    private final List<ApiServer.Recorded> recorded = new ArrayList<>();
    private volatile boolean namespacesRequired;

    FrontDispatcher(Map<ServerRequest, Queue<ServerResponse>> expectations, StoringDispatcher store, Faults faults) {
        this.expectations = expectations;
        this.mockDispatcher = new MockDispatcher(expectations);
        this.store = store;
        this.faults = faults;
    }

    void requireNamespaces() {
        namespacesRequired = true;
    }

    List<ApiServer.Recorded> recorded() {
        synchronized (recorded) {
            return List.copyOf(recorded);
        }
    }

    void clearRecorded() {
        synchronized (recorded) {
            recorded.clear();
        }
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        byte[] bytes = request.getBody() == null ? new byte[0] : request.getBody().getBytes();
        String body = new String(bytes, StandardCharsets.UTF_8);
        String fullPath = request.getPath();
        int q = fullPath.indexOf('?');
        String path = q < 0 ? fullPath : fullPath.substring(0, q);
        String query = q < 0 ? null : fullPath.substring(q + 1);
        String method = request.getMethod();
        String fixture = request.getHeader(FIXTURE_HEADER);
        Faults.Fault fault = null;
        if (fixture == null) {
            synchronized (recorded) {
                recorded.add(new ApiServer.Recorded(method, path, query, request.getHeader("Content-Type"), body));
            }
            fault = faults.take(method, path);
        }
        if (fault instanceof Faults.Fail fail) {
            return status(fail.status(), "injected fault: " + StatusBody.reason(fail.status()) + " on " + method + " " + path);
        }
        RecordedRequest copy = new RecordedRequest(request.getHttpVersion(), request.method(), fullPath,
                request.getHeaders(), new Buffer(bytes));
        MockResponse response = serve(copy, method, fullPath, query, fixture, body);
        if (response.getWebSocketListener() == null) {
            String answer = response.getBody() == null ? "" : response.getBody().readUtf8();
            if (response.code() < 300) {
                response.setBody(Generations.strip(answer));
            } else {
                String real = fromTheMock(answer)
                        ? StatusBody.real(response.code(), answer, ApiPath.parse(path), nameIn(body)) : null;
                response.setBody(real != null ? real : answer);
                if (real != null) {
                    response.setHeader("Content-Type", "application/json");
                }
            }
        }
        if (fault instanceof Faults.Stall stall) {
            if (response.getBody() == null || response.getBody().size() == 0) {
                response.setBody(StatusBody.failure(response.code(), "stalled"));
            }
            response.setBodyDelay(stall.delay());
        }
        return response;
    }

    private MockResponse serve(RecordedRequest request, String method, String fullPath, String query, String fixture,
            String body) {
        Queue<ServerResponse> expected = expectations.get(new SimpleRequest(request.method(), fullPath));
        if (expected != null && !expected.isEmpty()) {
            return mockDispatcher.dispatch(request);
        }
        String contentType = request.getHeader("Content-Type");
        if (method.equals("PATCH") && contentType != null && contentType.contains("json-patch")) {
            // the mock creates missing parents before applying (a real server does not) and
            // lets a failed "test" escape: apply the patch as RFC 6902 says first
            String invalid = store.jsonPatchError(fullPath, body);
            if (invalid != null) {
                return status(422, invalid);
            }
        }
        ApiPath target = ApiPath.parse(request.getPath().split("\\?", 2)[0]);
        if (namespacesRequired && method.equals("POST") && target.namespace() != null
                && !store.namespaceExists(target.namespace())) {
            // the NamespaceLifecycle admission plugin
            return new MockResponse().setResponseCode(404).setHeader("Content-Type", "application/json")
                    .setBody(StatusBody.real(404, "", new ApiPath("", null, "namespaces", target.namespace()), null));
        }
        if (method.equals("POST") || method.equals("PUT")) {
            String invalid = Validation.invalid(Json.parse(body));
            if (invalid != null) {
                return status(422, invalid);
            }
        }
        StoringDispatcher.Write write = null;
        if (method.equals("POST") || method.equals("PUT") || method.equals("PATCH")) {
            String manager = SEED.equals(fixture) ? SEED_MANAGER
                    : ManagedFields.manager(parameter(query, "fieldManager"), request.getHeader("User-Agent"));
            write = new StoringDispatcher.Write(manager, SEED.equals(fixture), body);
        }
        try {
            return store.dispatch(request, write);
        } catch (RuntimeException e) {
            // zjsonpatch's failures (a failed "test", a path that is not there) escape the mock
            // and reset the connection; kube-apiserver answers 422 with the patch error
            if (method.equals("PATCH")) {
                return status(422, e.getMessage());
            }
            return status(500, String.valueOf(e.getMessage()));
        }
    }

    private static MockResponse status(int code, String message) {
        MockResponse response = new MockResponse().setResponseCode(code)
                .setHeader("Content-Type", "application/json")
                .setBody(StatusBody.failure(code, message));
        return code == 429 ? response.setHeader("Retry-After", "1") : response;
    }

    /** A bare answer or the mock's Status (it says Invalid for everything), not the fixture's own. */
    private static boolean fromTheMock(String answer) {
        if (answer.isEmpty()) {
            return true;
        }
        var status = Json.parse(answer);
        return status != null && "Invalid".equals(Json.text(status, "reason"));
    }

    private static String nameIn(String body) {
        var object = body.isEmpty() ? null : Json.parse(body);
        return object == null ? null : Json.text(object, "metadata", "name");
    }

    static String parameter(String query, String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
