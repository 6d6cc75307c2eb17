package dev.fleetform.changes;

/** What {@link RiskPolicy} decides for one diff: the action (an update may be a replace), the risk, and why. */
public record Assessment(Action action, Risk risk, String reason) {
}
