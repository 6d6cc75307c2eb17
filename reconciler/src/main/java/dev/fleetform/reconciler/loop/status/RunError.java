package dev.fleetform.reconciler.loop.status;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * Something that went wrong in a run.
 *
 * @param target the cluster or host, or null for the run as a whole
 * @param file   for a problem in the fleet at the commit: {@code file:line:col}, the rule id in {@code rule}; else null
 */
public record RunError(Step step, String target, String message, String hint, String file, String rule) {

    public static RunError of(Step step, String message, String hint) {
        return new RunError(step, null, message, hint, null, null);
    }

    /** The steps of a run, in order. */
    public enum Step {
        FETCH, VERIFY, VALIDATE, OBSERVE, APPLY;

        @JsonValue
        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
