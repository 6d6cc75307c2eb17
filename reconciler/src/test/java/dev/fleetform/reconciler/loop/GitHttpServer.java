package dev.fleetform.reconciler.loop;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Git's own smart HTTP server ({@code git http-backend}, as a CGI) on loopback, behind a token
 * check as a forge does it: Basic auth whose password is the token, 401 with a challenge
 * otherwise. Serves every repository under {@code root}.
 */
public final class GitHttpServer implements AutoCloseable {
    private final HttpServer server;
    private final Path root;
    private final String token;
    public final AtomicInteger refused = new AtomicInteger();

    public GitHttpServer(Path root, String token) throws IOException {
        this.root = root;
        this.token = token;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            try (ex) {
                handle(ex);
            }
        });
        server.start();
    }

    /** The URL of {@code name} under the root. */
    public String url(String name) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + name;
    }

    private void handle(HttpExchange ex) throws IOException {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        String user = null;
        if (auth != null && auth.startsWith("Basic ")) {
            String pair = new String(Base64.getDecoder().decode(auth.substring(6)), StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            if (colon > 0 && pair.substring(colon + 1).equals(token)) user = pair.substring(0, colon);
        }
        if (user == null) {
            refused.incrementAndGet();
            ex.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"fleet\"");
            ex.sendResponseHeaders(401, -1);
            return;
        }
        byte[] body = ex.getRequestBody().readAllBytes();
        ProcessBuilder pb = new ProcessBuilder("git", "http-backend");
        Map<String, String> env = pb.environment();
        env.put("GIT_PROJECT_ROOT", root.toString());
        env.put("GIT_HTTP_EXPORT_ALL", "1");
        env.put("PATH_INFO", ex.getRequestURI().getPath());
        env.put("QUERY_STRING", ex.getRequestURI().getRawQuery() == null ? "" : ex.getRequestURI().getRawQuery());
        env.put("REQUEST_METHOD", ex.getRequestMethod());
        env.put("CONTENT_LENGTH", Integer.toString(body.length));
        env.put("REMOTE_USER", user);
        env.put("REMOTE_ADDR", "127.0.0.1");
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        if (type != null) env.put("CONTENT_TYPE", type);
        String encoding = ex.getRequestHeaders().getFirst("Content-Encoding");
        if (encoding != null) env.put("HTTP_CONTENT_ENCODING", encoding);
        String protocol = ex.getRequestHeaders().getFirst("Git-Protocol");
        if (protocol != null) env.put("GIT_PROTOCOL", protocol);
        Process p = pb.start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(body);
        }
        byte[] out;
        try (InputStream o = p.getInputStream()) {
            out = o.readAllBytes();
        }
        int headerEnd = indexOf(out, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        int sep = 4;
        if (headerEnd < 0) {
            headerEnd = indexOf(out, "\n\n".getBytes(StandardCharsets.US_ASCII));
            sep = 2;
        }
        int status = 200;
        for (String line : new String(out, 0, Math.max(headerEnd, 0), StandardCharsets.US_ASCII).split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) continue;
            String k = line.substring(0, colon).trim();
            String v = line.substring(colon + 1).trim();
            if (k.equalsIgnoreCase("Status")) status = Integer.parseInt(v.split(" ")[0]);
            else ex.getResponseHeaders().add(k, v);
        }
        byte[] payload = headerEnd < 0 ? out : java.util.Arrays.copyOfRange(out, headerEnd + sep, out.length);
        ex.sendResponseHeaders(status, payload.length == 0 ? -1 : payload.length);
        if (payload.length > 0) {
            try (OutputStream o = ex.getResponseBody()) {
                o.write(payload);
            }
        }
    }

    private static int indexOf(byte[] a, byte[] b) {
        outer:
        for (int i = 0; i + b.length <= a.length; i++) {
            for (int j = 0; j < b.length; j++) if (a[i + j] != b[j]) continue outer;
            return i;
        }
        return -1;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
