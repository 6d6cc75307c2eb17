package dev.fleetform.reconciler.loop.status;

import java.time.Instant;

/**
 * A commit of the fleet repository as the loop judged it.
 *
 * @param verdict  what the loop made of it
 * @param why      the reason for a verdict other than {@code applied}, else empty
 * @param signer   the key that signed it (fingerprint or principal), or null when unsigned or unchecked
 */
public record CommitInfo(String sha, String author, String subject, Instant time, Verdict verdict, String why, String signer) {

    public CommitInfo withVerdict(Verdict v, String reason) {
        return new CommitInfo(sha, author, subject, time, v, reason, signer);
    }

    public String shortSha() {
        return sha.substring(0, Math.min(7, sha.length()));
    }
}
