package dev.fleetform.compiler.model;

public enum BastionKind {
    JUMPSERVER, OPENSSH;

    public String yamlName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
