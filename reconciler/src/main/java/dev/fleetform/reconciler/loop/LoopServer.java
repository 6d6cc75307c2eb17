package dev.fleetform.reconciler.loop;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.fleetform.reconciler.loop.status.LoopStatus;
import dev.fleetform.reconciler.loop.status.StatusJson;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;

/**
 * The loop's HTTP side on {@code --listen} (the JDK's server, one virtual thread per request):
 * {@code /metrics}, {@code /healthz} (the process answers), {@code /readyz} (a commit has been
 * applied), {@code /status} (JSON, {@link StatusJson}), {@code /} (the status page, {@link StatusPage}) and {@code POST /hooks/git} (a push hook
 * with the shared secret starts a run now; on a standby it is passed on to the leader, {@link HookRelay}). More pages attach with {@link #route}.
 */
public final class LoopServer implements AutoCloseable {
    /** A push hook's body is small; a bigger one is refused unread. */
    static final int MAX_HOOK_BYTES = 1 << 20;

    private final HttpServer server;
    private final ReconcileLoop loop;
    private final WebhookAuth hooks; // null: the hook endpoint answers 404
    private volatile HookRelay relay; // null: a standby answers hooks 503
    private volatile long retryAfterSeconds = LeaderLease.LEASE_DURATION.toSeconds();

    public LoopServer(InetSocketAddress listen, ReconcileLoop loop, WebhookAuth hooks) throws IOException {
        this.loop = loop;
        this.hooks = hooks;
        this.server = HttpServer.create(listen, 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        route("/metrics", this::metrics);
        route("/healthz", ex -> text(ex, 200, "ok\n"));
        route("/readyz", ex -> {
            LoopStatus s = loop.status();
            if (s.ready()) text(ex, 200, "ready: " + s.lastApplied().sha() + "\n");
            // a standby replica is ready to take over: else a rolling update of the Deployment never completes
            else if (loop.standby()) text(ex, 200, "standby: another replica holds the leader lease\n");
            else text(ex, 503, "not ready: no commit applied yet\n");
        });
        route("/status", ex -> send(ex, 200, "application/json", StatusJson.write(loop.status()).getBytes(StandardCharsets.UTF_8)));
        route("/hooks/git", this::hook);
        route("/", StatusPage.handler(loop::status, loop::standby));
    }

    /** Serves {@code path} (and, for "/", every path no other route takes) with {@code handler}. */
    public void route(String path, HttpHandler handler) {
        server.createContext(path, ex -> {
            try (ex) {
                if (!exact(ex, path)) {
                    text(ex, 404, "not found\n");
                    return;
                }
                handler.handle(ex);
            }
        });
    }

    public void start() {
        server.start();
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    private static boolean exact(HttpExchange ex, String path) {
        return path.equals("/") || ex.getRequestURI().getPath().equals(path);
    }

    private void metrics(HttpExchange ex) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        loop.metrics().write(out);
        send(ex, 200, loop.metrics().contentType(), out.toByteArray());
    }

    private void hook(HttpExchange ex) throws IOException {
        if (hooks == null) {
            text(ex, 404, "no webhook secret configured (--webhook-secret-file or --webhook-secret-env)\n");
            return;
        }
        if (!ex.getRequestMethod().equals("POST")) {
            ex.getResponseHeaders().set("Allow", "POST");
            text(ex, 405, "POST only\n");
            return;
        }
        byte[] body = readBounded(ex.getRequestBody());
        if (body == null) {
            text(ex, 413, "body over " + MAX_HOOK_BYTES + " bytes\n");
            return;
        }
        switch (hooks.check(ex.getRequestHeaders().getFirst(WebhookAuth.GITHUB), ex.getRequestHeaders().getFirst(WebhookAuth.GITLAB), body)) {
            case MISSING -> text(ex, 401, "missing " + WebhookAuth.GITHUB + " or " + WebhookAuth.GITLAB + "\n");
            case WRONG -> text(ex, 403, "bad signature\n");
            case OK -> {
                if (!loop.standby()) {
                    loop.trigger();
                    text(ex, 202, "run queued\n");
                    return;
                }
                String from = ex.getRequestHeaders().getFirst(HookRelay.FORWARDED_BY);
                HookRelay r = relay;
                if (from != null || r == null) {
                    // said plainly so the git host shows a failed delivery: the leader still finds the commit within --interval
                    retryLater(ex);
                    text(ex, 503, from != null
                            ? "standby: forwarded by " + from + ", but this replica does not hold the leader lease (any more); redeliver shortly\n"
                            : "standby: this replica does not hold the leader lease; the leader fetches within its --interval "
                            + "(send hooks to the leader, or redeliver)\n");
                    return;
                }
                HookRelay.Outcome o = r.forward(body, ex.getRequestHeaders().getFirst("Content-Type"));
                if (o.retryLater()) retryLater(ex);
                text(ex, o.code(), o.body());
            }
        }
    }

    /** A standby passes verified hooks on to the leader through {@code relay} (else it answers 503). */
    public void forwardHooks(HookRelay relay, Duration retryAfter) {
        this.relay = relay;
        this.retryAfterSeconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }

    /** A leader is elected within a lease duration: ask the sender to come back after that. */
    private void retryLater(HttpExchange ex) {
        ex.getResponseHeaders().set("Retry-After", Long.toString(retryAfterSeconds));
    }

    private static byte[] readBounded(InputStream in) throws IOException {
        byte[] b = in.readNBytes(MAX_HOOK_BYTES + 1);
        return b.length > MAX_HOOK_BYTES ? null : b;
    }

    private static void text(HttpExchange ex, int code, String body) throws IOException {
        send(ex, code, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
    }

    /** The one way a response leaves: its type, no caching, and no body for HEAD. */
    static void send(HttpExchange ex, int code, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        if (ex.getRequestMethod().equals("HEAD")) {
            ex.sendResponseHeaders(code, -1);
            return;
        }
        ex.sendResponseHeaders(code, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
