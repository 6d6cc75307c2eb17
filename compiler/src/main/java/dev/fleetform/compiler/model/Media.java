package dev.fleetform.compiler.model;

public enum Media {
    NVME, SSD, HDD;

    public String yamlName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
