package dev.fleetform.reconciler.loop.status;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** What the loop made of a commit. */
public enum Verdict {
    /** Valid (and trusted, when signatures are required): applied. */
    APPLIED,
    /** Fails validation, compile or approvals.yaml: not applied; the last good commit stays. */
    INVALID,
    /** Unsigned, or signed by a key not trusted, under {@code --require-signed}: not applied. */
    UNTRUSTED,
    /** Seen but not yet reached by a run. */
    PENDING;

    @JsonValue
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
