package dev.fleetform.compiler.model;

import java.util.List;

public record Access(List<Bastion> bastions, List<AccessGroup> groups) {

    public static final Access EMPTY = new Access(List.of(), List.of());
}
