package dev.fleetform.reconciler.host.ssh;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How to reach one host: the fleet's {@code ssh} settings resolved for it.
 *
 * @param name       the host's name in the fleet, for messages
 * @param knownHosts the known_hosts text the host's key must be in (the host's {@code hostKey} pin
 *                   as one line, else the repo's {@code knownHosts} file), or null when neither is given
 * @param jump       the openssh bastion to go through ({@code defaults.ssh.via}), or null
 */
public record SshEndpoint(String name, String address, int port, String user, Path identityFile,
                          String knownHosts, Jump jump) {
    public SshEndpoint {
        Objects.requireNonNull(name);
        Objects.requireNonNull(address);
        Objects.requireNonNull(user);
    }

    /**
     * An openssh bastion.
     *
     * @param knownHosts the known_hosts text its key must be in (the repo's knownHosts: a host's
     *                   own hostKey pin says nothing about the bastion)
     */
    public record Jump(String name, String address, int port, String user, String knownHosts) {
    }

    public boolean root() {
        return user.equals("root");
    }

    /** The name known_hosts lists this host under: the address, or {@code [address]:port} off port 22. */
    public String knownHostsName() {
        return port == 22 ? address : "[" + address + "]:" + port;
    }
}
