package dev.fleetform.compiler.model;

import dev.fleetform.compiler.diag.Origin;

import java.util.List;

/** JumpServer asset node + asset permission: {@code users} may {@code actions} on the selected hosts. */
public record AccessGroup(String name, List<String> users, Selector hosts, List<String> actions, Origin origin) {
}
