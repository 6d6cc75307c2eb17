package dev.fleetform.reconciler.host;

import dev.fleetform.compiler.load.FleetSource;
import dev.fleetform.compiler.load.FleetSourceException;
import dev.fleetform.compiler.model.Bastion;
import dev.fleetform.compiler.model.BastionKind;
import dev.fleetform.compiler.model.Fleet;
import dev.fleetform.compiler.model.Host;
import dev.fleetform.compiler.model.Ssh;
import dev.fleetform.reconciler.host.ssh.SshEndpoint;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The fleet's {@code ssh} settings resolved for one host: the key file ({@code ~/} is the home
 * directory, a relative path is taken from the current directory as {@code ssh -i} does; none
 * given: the default keys in ~/.ssh), the host's {@code hostKey} pin (which wins) or the repo's
 * {@code knownHosts} file read from the fleet's source, and the openssh bastion of {@code via}.
 */
final class HostEndpoints {
    private static final long MAX_KNOWN_HOSTS = 16L << 20;
    private static final List<String> DEFAULT_KEYS = List.of("id_ed25519", "id_ecdsa", "id_rsa");

    private final Fleet fleet;
    private final FleetSource repo;
    private String knownHosts;
    private String knownHostsError;

    HostEndpoints(Fleet fleet, FleetSource repo) {
        this.fleet = fleet;
        this.repo = repo;
    }

    /** Why a host cannot be reached as configured; the message names what to fix. */
    static final class Unusable extends Exception {
        final String hint;

        Unusable(String message, String hint) {
            super(message);
            this.hint = hint;
        }
    }

    SshEndpoint of(Host h) throws Unusable {
        Ssh ssh = h.ssh();
        String known;
        if (h.hostKey() != null) {
            known = knownName(h.address(), ssh.port()) + " " + h.hostKey() + "\n";
        } else if (ssh.knownHosts() != null) {
            known = knownHostsFile(ssh.knownHosts());
        } else {
            throw new Unusable("no host key to check " + h.name() + " against: it has no hostKey and defaults.ssh has no knownHosts",
                    "pin the host's key as its hostKey, or add a knownHosts file to the repo (ssh-keyscan, checked out of band)");
        }
        SshEndpoint.Jump jump = null;
        if (ssh.via() != null) {
            Bastion b = fleet.access() == null ? null : fleet.access().bastions().stream()
                    .filter(x -> x.name().equals(ssh.via())).findFirst().orElse(null);
            if (b == null || b.kind() != BastionKind.OPENSSH) {
                throw new Unusable("defaults.ssh.via names " + ssh.via() + ", which is no openssh bastion",
                        "name an openssh bastion of access.bastions (a JumpServer carries no automation)");
            }
            if (ssh.knownHosts() == null) {
                throw new Unusable("no host key to check the bastion " + b.name() + " against: defaults.ssh has no knownHosts",
                        "add a knownHosts file to the repo with the bastion's key (ssh-keyscan " + b.address() + ", checked out of band)");
            }
            jump = new SshEndpoint.Jump(b.name(), b.address(), b.port(), b.user() == null ? ssh.user() : b.user(), knownHostsFile(ssh.knownHosts()));
        }
        return new SshEndpoint(h.name(), h.address(), ssh.port(), ssh.user(), identity(ssh.identityFile()), known, jump);
    }

    private static String knownName(String address, int port) {
        return port == 22 ? address : "[" + address + "]:" + port;
    }

    private synchronized String knownHostsFile(String path) throws Unusable {
        if (knownHosts == null && knownHostsError == null) {
            try {
                knownHosts = new String(repo.read(path, MAX_KNOWN_HOSTS), StandardCharsets.UTF_8);
            } catch (FleetSourceException e) {
                knownHostsError = e.getMessage();
            }
        }
        if (knownHostsError != null) {
            throw new Unusable("cannot read the knownHosts file " + repo.displayName(path) + ": " + knownHostsError,
                    "add it to the repo (ssh-keyscan of the hosts, checked out of band) or fix defaults.ssh.knownHosts");
        }
        return knownHosts;
    }

    static Path identity(String file) {
        Path home = Path.of(System.getProperty("user.home"));
        if (file == null) {
            for (String k : DEFAULT_KEYS) {
                Path p = home.resolve(".ssh").resolve(k);
                if (Files.isReadable(p)) return p;
            }
            return null;
        }
        if (file.startsWith("~/")) return home.resolve(file.substring(2));
        return Path.of(file).toAbsolutePath();
    }
}
