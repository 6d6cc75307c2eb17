package dev.fleetform.reconciler.engine;

import java.util.List;

/** What a run is doing, for a progress line per target on a terminal. Called from the run's threads. */
public interface Progress {
    Progress NONE = new Progress() {
    };

    default void observing(Target target) {
    }

    default void observed(TargetPlan plan) {
    }

    default void unavailable(TargetError error) {
    }

    default void applying(Target target, int changes) {
    }

    default void applied(Target target, List<Outcome> outcomes) {
    }
}
