package dev.fleetform.compiler.model;

import dev.fleetform.compiler.diag.Origin;

/**
 * A reusable host template; its content is merged into the hosts that name it.
 *
 * @param storage  the profile's own {@code storage}, bound (empty when it sets none)
 * @param baseline the profile's own {@code baseline}, bound, without the defaults under it
 */
public record Profile(String name, Storage storage, Baseline baseline, Origin origin) {
}
