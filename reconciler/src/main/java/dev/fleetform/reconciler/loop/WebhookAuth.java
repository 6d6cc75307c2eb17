package dev.fleetform.reconciler.loop;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Checks a push hook against the shared secret: GitHub's {@code X-Hub-Signature-256}
 * ({@code sha256=} and the HMAC-SHA256 of the body) or GitLab's {@code X-Gitlab-Token} (the
 * secret itself). Compared in constant time.
 */
public final class WebhookAuth {
    public static final String GITHUB = "X-Hub-Signature-256";
    public static final String GITLAB = "X-Gitlab-Token";

    /** 401 when no credential was sent, 403 when a wrong one was. */
    public enum Verdict { OK, MISSING, WRONG }

    private final byte[] secret;

    public WebhookAuth(byte[] secret) {
        if (secret.length == 0) throw new IllegalArgumentException("empty webhook secret");
        this.secret = secret.clone();
    }

    public Verdict check(String githubSignature, String gitlabToken, byte[] body) {
        if (githubSignature != null) {
            if (!githubSignature.startsWith("sha256=")) return Verdict.WRONG;
            byte[] expected = HexFormat.of().formatHex(hmac(body)).getBytes(StandardCharsets.US_ASCII);
            byte[] given = githubSignature.substring("sha256=".length()).toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
            return MessageDigest.isEqual(expected, given) ? Verdict.OK : Verdict.WRONG;
        }
        if (gitlabToken != null) {
            return MessageDigest.isEqual(secret, gitlabToken.getBytes(StandardCharsets.UTF_8)) ? Verdict.OK : Verdict.WRONG;
        }
        return Verdict.MISSING;
    }

    /** {@code sha256=<hex>} for a body, as GitHub sends it (for tests and for senders of our own). */
    public String githubSignature(byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(hmac(body));
    }

    private byte[] hmac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
