package dev.fleetform.reconciler.engine;

import dev.fleetform.changes.Plan;

/** What one target would need to match git: the differ's plan over its observed state. */
public record TargetPlan(Target target, Provider provider, Observation observation, Plan plan) {
}
