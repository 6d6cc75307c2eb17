package dev.fleetform.compiler.model;

public enum AlertSeverity {
    INFO, WARNING, CRITICAL;

    public String yamlName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
