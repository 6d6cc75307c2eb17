package dev.fleetform.reconciler.loop;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * A standby's way to the leader for a push hook that reached it (two replicas behind one
 * Service): after the standby verified the hook itself, the body goes to the address in the
 * Lease's holderIdentity ({@link LeaseHolder}), signed anew with the shared secret as GitHub
 * signs ({@code X-Hub-Signature-256}), so no secret travels (a GitLab token is the secret itself
 * and is not passed on). The leader checks it as any hook. A forwarded hook carries
 * {@link #FORWARDED_BY} and is never forwarded again: a replica that is no longer the leader
 * answers it 503, and so does the first one.
 */
public final class HookRelay {
    public static final String FORWARDED_BY = "X-Fleetform-Forwarded-By";

    /** What the standby answers the git host. */
    public record Outcome(int code, String body, boolean retryLater) {
    }

    private final Supplier<String> holder;
    private final String self;
    private final WebhookAuth auth;
    private final Duration timeout;
    private final HttpClient http;

    /**
     * @param holder  the Lease's current holderIdentity (null when unknown): {@link LeaderLease#leader}
     * @param self    this replica's identity, sent in {@link #FORWARDED_BY}
     * @param timeout for connecting and for the leader's answer: a hook sender waits about 10 s
     */
    public HookRelay(Supplier<String> holder, String self, WebhookAuth auth, Duration timeout) {
        this.holder = holder;
        this.self = self;
        this.auth = auth;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Passes a verified hook's body to the leader; its answer, or why it could not be reached. */
    public Outcome forward(byte[] body, String contentType) {
        LeaseHolder leader = LeaseHolder.parse(holder.get());
        if (leader == null) return new Outcome(503, "standby: no replica holds the leader lease yet; redeliver shortly\n", true);
        if (leader.identity().equals(self)) {
            return new Outcome(503, "standby: this replica's lease is lapsing; redeliver shortly\n", true);
        }
        if (leader.address() == null) {
            return new Outcome(503, "standby: the leader " + leader.name() + " gave no address to forward to (--advertise, $POD_IP); "
                    + "it fetches within its --interval\n", true);
        }
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("http://" + leader.address() + "/hooks/git"))
                .timeout(timeout)
                .header(WebhookAuth.GITHUB, auth.githubSignature(body))
                .header(FORWARDED_BY, self)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) req.header("Content-Type", contentType);
        try {
            HttpResponse<String> r = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 202) return new Outcome(202, "run queued on the leader " + leader.name() + " (forwarded by the standby " + nameOf(self) + ")\n", false);
            return new Outcome(r.statusCode() == 503 ? 503 : 502, "the leader " + leader.name() + " answered " + r.statusCode() + ": " + r.body().strip() + "\n",
                    r.statusCode() == 503);
        } catch (HttpTimeoutException e) {
            return new Outcome(503, "standby: the leader " + leader.name() + " at " + leader.address() + " did not answer within " + timeout.toSeconds() + " s; redeliver shortly\n", true);
        } catch (IOException e) {
            return new Outcome(503, "standby: cannot reach the leader " + leader.name() + " at " + leader.address() + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); redeliver shortly\n", true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(503, "standby: stopping\n", true);
        }
    }

    private static String nameOf(String identity) {
        LeaseHolder h = LeaseHolder.parse(identity);
        return h == null ? identity : h.name();
    }
}
