package dev.fleetform.compiler.model;

import dev.fleetform.compiler.diag.Origin;

/** A reusable host template; its content is merged into the hosts that name it. */
public record Profile(String name, Origin origin) {
}
