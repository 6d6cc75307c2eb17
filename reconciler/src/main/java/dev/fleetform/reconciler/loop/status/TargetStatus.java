package dev.fleetform.reconciler.loop.status;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.List;
import java.util.Locale;

/**
 * A cluster ({@code k8s/prod}) or host ({@code host/gpu-01}) in a run.
 *
 * @param family    the provider: {@code k8s}, {@code host}
 * @param changes   how many changes it needed
 * @param error     why it could not be observed, or null
 * @param resources every resource git declares for it and the live-only ones it changes, each with its state
 */
public record TargetStatus(String address, String family, State state, int changes, String error, String hint,
                           List<ResourceStatus> resources) {
    public TargetStatus {
        resources = List.copyOf(resources);
    }

    TargetStatus brief() {
        return new TargetStatus(address, family, state, changes, error, hint, List.of());
    }

    public enum State {
        /** Observed, nothing differed. */
        IN_SYNC,
        /** Differed; every change was applied. */
        CORRECTED,
        /** Differs: some change is blocked, failed, refused, or was not attempted. */
        DRIFTED,
        /** Could not be observed. */
        UNAVAILABLE;

        @JsonValue
        public String jsonName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }
}
