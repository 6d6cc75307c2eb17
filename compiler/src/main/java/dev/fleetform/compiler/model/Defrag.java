package dev.fleetform.compiler.model;

public enum Defrag {
    NEVER, DAILY, WEEKLY, MONTHLY;

    public String yamlName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
