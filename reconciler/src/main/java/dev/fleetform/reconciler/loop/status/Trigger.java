package dev.fleetform.reconciler.loop.status;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Why a run started. */
public enum Trigger {
    /** The first run after start-up. */
    STARTUP,
    /** The interval (with jitter) elapsed. */
    INTERVAL,
    /** {@code POST /hooks/git} with a valid signature. */
    WEBHOOK;

    @JsonValue
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
