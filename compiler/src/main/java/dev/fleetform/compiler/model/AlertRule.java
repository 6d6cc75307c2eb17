package dev.fleetform.compiler.model;

import dev.fleetform.compiler.diag.Origin;

import java.util.Map;

/**
 * A user alert rule.
 *
 * @param forDuration Prometheus duration ({@code 5m}), or null
 * @param runbook     a runbook URL, or null
 */
public record AlertRule(
        String name,
        String expr,
        String forDuration,
        AlertSeverity severity,
        String summary,
        String runbook,
        Map<String, String> labels,
        Origin origin) {
}
