package dev.fleetform.compiler.model;

public enum FsType {
    XFS, EXT4, BTRFS;

    public String yamlName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
