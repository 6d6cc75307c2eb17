package dev.fleetform.reconciler.loop.status;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * A change a run found, in the plan's terms, and what became of it.
 *
 * @param action  {@code create}, {@code update}, {@code delete}, {@code replace}
 * @param risk    {@code safe}, {@code disruptive}, {@code destructive}
 * @param reason  the plan's words for what it does
 * @param message why it was blocked, refused or failed; empty when applied
 */
public record ChangeStatus(String address, String kind, String action, String risk, String reason, boolean approved,
                           Outcome outcome, String message) {

    public enum Outcome {
        APPLIED, BLOCKED, REFUSED, FAILED,
        /** Found, not attempted (the run stopped before applying). */
        PENDING;

        @JsonValue
        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
