package dev.fleetform.compiler.model;

import java.util.List;

public record Storage(List<RaidArray> raid, List<Filesystem> filesystems) {

    public static final Storage EMPTY = new Storage(List.of(), List.of());
}
