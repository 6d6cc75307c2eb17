package dev.fleetform.reconciler.host.ssh;

import java.time.Duration;

/**
 * How hard to try: {@code parallel} SSH sessions at most at once (the issue's {@code --parallel},
 * default 50), the deadline of a TCP connect plus handshake, of one command, and how many times
 * a connection error (only that) is retried, with backoff from {@code backoff}.
 */
public record SshOptions(int parallel, Duration connectTimeout, Duration commandTimeout, int retries, Duration backoff) {
    public SshOptions {
        if (parallel < 1) throw new IllegalArgumentException("parallel must be at least 1");
        if (retries < 0) throw new IllegalArgumentException("retries must be at least 0");
    }

    public static SshOptions defaults() {
        return new SshOptions(50, Duration.ofSeconds(10), Duration.ofSeconds(60), 2, Duration.ofMillis(500));
    }

    public SshOptions withParallel(int n) {
        return new SshOptions(n, connectTimeout, commandTimeout, retries, backoff);
    }

    public SshOptions withCommandTimeout(Duration d) {
        return new SshOptions(parallel, connectTimeout, d, retries, backoff);
    }

    public SshOptions withConnectTimeout(Duration d) {
        return new SshOptions(parallel, d, commandTimeout, retries, backoff);
    }

    public SshOptions withRetries(int n, Duration backoff) {
        return new SshOptions(parallel, connectTimeout, commandTimeout, n, backoff);
    }
}
