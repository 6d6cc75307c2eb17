package dev.fleetform.compiler.model;

import dev.fleetform.compiler.diag.Origin;

/** {@code defaults:} as written; hosts already carry the merged values. */
public record Defaults(Ssh ssh, Baseline baseline, Origin origin) {
}
