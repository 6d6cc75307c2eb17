package dev.fleetform.compiler.model;

import dev.fleetform.compiler.diag.Origin;

/**
 * How automation reaches hosts.
 *
 * @param via        name of an {@code openssh} bastion, or null for direct connections
 * @param knownHosts a known_hosts file in the repo, or null (then hosts pin {@code hostKey})
 */
public record Ssh(String user, int port, String identityFile, String via, String knownHosts, Origin origin) {
}
