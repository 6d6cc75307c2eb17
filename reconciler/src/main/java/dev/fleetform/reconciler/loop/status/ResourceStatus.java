package dev.fleetform.reconciler.loop.status;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * One resource of a target at the end of a run, for the fleet tree.
 *
 * @param kind the change model's kind name ({@code k8s}, {@code sysctl}, {@code mount}, ...)
 */
public record ResourceStatus(String address, String kind, Sync sync) {

    public enum Sync {
        /** Live matched git. */
        IN_SYNC,
        /** Differed and was corrected in this run. */
        CORRECTED,
        /** Differs and waits for an approval or a confirmation. */
        BLOCKED,
        /** Differs; the change failed or was refused. */
        FAILED,
        /** Differs; no change was attempted (a drift-only step, an abandoned run). */
        DRIFTED;

        @JsonValue
        public String jsonName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }
}
