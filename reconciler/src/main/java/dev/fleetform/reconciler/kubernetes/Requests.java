package dev.fleetform.reconciler.kubernetes;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import dev.failsafe.function.CheckedSupplier;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

/**
 * Every request to an API server goes through here: retried with backoff when the server is
 * busy or briefly away (429, 5xx, a timeout, a reset connection), a bounded number of times.
 * A write that lost a race (409, a failed {@code test}) is not retried here: its caller re-reads
 * and recomputes ({@link #isConflict}).
 */
public final class Requests {
    private final RetryPolicy<Object> transientFaults;

    Requests(KubernetesProvider.Options options) {
        Duration first = options.backoff();
        Duration max = first.multipliedBy(16);
        this.transientFaults = RetryPolicy.builder()
                .handleIf(Requests::isTransient)
                .withBackoff(first, max)
                .withMaxRetries(options.retries())
                .build();
    }

    /** The request's answer; the last exception when every attempt failed. */
    <T> T call(CheckedSupplier<T> request) {
        try {
            return Failsafe.with(transientFaults).get(request);
        } catch (FailsafeException e) {
            // only checked exceptions are wrapped; fabric8's are unchecked
            throw e.getCause() instanceof RuntimeException r ? r : new KubernetesClientException(describe(e.getCause()), e.getCause());
        }
    }

    static boolean isTransient(Throwable e) {
        if (!(e instanceof KubernetesClientException k)) return false;
        int code = k.getCode();
        if (code == 429 || code >= 500) return true;
        return code <= 0 && !isConflict(e) && networkCause(e) != null;
    }

    /** Lost a race with another writer: 409, or a JSON Patch whose {@code test} of the resourceVersion failed. */
    static boolean isConflict(Throwable e) {
        if (!(e instanceof KubernetesClientException k)) return false;
        if (k.getCode() == 409) return true;
        String m = String.valueOf(k.getMessage()).toLowerCase(Locale.ROOT);
        // a failed JSON Patch test is a 422: "testing value ... failed" (kube-apiserver), "Expected value ..." (zjsonpatch)
        return k.getCode() == 422 && (m.contains("test") || m.contains("expected value"));
    }

    static boolean isNotFound(Throwable e) {
        return e instanceof KubernetesClientException k && k.getCode() == 404;
    }

    private static Throwable networkCause(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof IOException || c instanceof TimeoutException) return c;
        }
        return null;
    }

    /** What went wrong, for a user: the HTTP status and the server's message, or the network fault. */
    public static String describe(Throwable e) {
        if (e instanceof KubernetesClientException k && k.getCode() > 0) {
            String reason = k.getStatus() != null && k.getStatus().getMessage() != null ? k.getStatus().getMessage() : k.getMessage();
            return "HTTP " + k.getCode() + (reason == null ? "" : ": " + firstLine(reason));
        }
        Throwable net = null;
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof HttpTimeoutException || c instanceof TimeoutException || c instanceof java.io.InterruptedIOException) {
                return "the request timed out";
            }
            if (c instanceof ConnectException) return "connection refused";
            // the innermost network fault that says something
            if ((c instanceof IOException) && (net == null || c.getMessage() != null)) net = c;
        }
        if (net instanceof ConnectException) return "connection refused";
        if (net instanceof java.net.UnknownHostException) return "unknown host " + net.getMessage();
        if (net instanceof javax.net.ssl.SSLException) return "TLS failed: " + firstLine(String.valueOf(net.getMessage()));
        if (net instanceof java.nio.channels.ClosedChannelException) return "the connection was closed";
        if (net != null) return net.getMessage() == null ? "the connection failed" : firstLine(net.getMessage());
        return firstLine(String.valueOf(e.getMessage()));
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
