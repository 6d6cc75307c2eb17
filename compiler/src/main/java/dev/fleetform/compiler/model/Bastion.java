package dev.fleetform.compiler.model;

import dev.fleetform.compiler.diag.Origin;

/**
 * A bastion. {@code jumpserver} ones are for people; automation goes through {@code openssh} ones.
 *
 * @param user login user on an openssh bastion, or null
 * @param mfa  e.g. {@code totp} on a JumpServer, or null
 */
public record Bastion(
        String name,
        BastionKind kind,
        String address,
        int port,
        String user,
        boolean requireVpn,
        String mfa,
        Origin origin) {
}
