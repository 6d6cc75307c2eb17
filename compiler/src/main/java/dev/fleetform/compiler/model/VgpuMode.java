package dev.fleetform.compiler.model;

/** {@code equal-size} (default): one profile per GPU; {@code mixed-size}: sizes may differ. */
public enum VgpuMode {
    EQUAL_SIZE("equal-size"), MIXED_SIZE("mixed-size");

    private final String yamlName;

    VgpuMode(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }

    public static VgpuMode of(String yamlName) {
        for (VgpuMode m : values()) if (m.yamlName.equals(yamlName)) return m;
        throw new IllegalArgumentException(yamlName);
    }
}
