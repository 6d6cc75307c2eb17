package dev.fleetform.reconciler.loop;

import java.util.Objects;

/**
 * A replica as the Lease's {@code holderIdentity} names it: {@code NAME} or
 * {@code NAME@HOST:PORT}, the address where its {@code --listen} server is reached by the other
 * replicas (in a pod: {@code $POD_IP} and the listen port), so a standby can pass a push hook on
 * to the leader. A pod name has no {@code @}; an IPv6 host is in brackets.
 *
 * @param address {@code HOST:PORT}, or null when the replica is not reachable by the others
 */
public record LeaseHolder(String name, String address) {
    public LeaseHolder {
        Objects.requireNonNull(name);
        if (name.isBlank() || name.contains("@")) throw new IllegalArgumentException("a replica's name must be non-empty and without '@': " + name);
        if (address != null && (address.isBlank() || address.lastIndexOf(':') <= 0)) {
            throw new IllegalArgumentException("not HOST:PORT: " + address);
        }
    }

    /** What goes in holderIdentity. */
    public String identity() {
        return address == null ? name : name + "@" + address;
    }

    /** The holder named by a Lease, or null when none holds it (released leases have an empty holder). */
    public static LeaseHolder parse(String holderIdentity) {
        if (holderIdentity == null || holderIdentity.isBlank()) return null;
        int at = holderIdentity.indexOf('@');
        if (at <= 0) return new LeaseHolder(holderIdentity, null);
        String address = holderIdentity.substring(at + 1);
        try {
            return new LeaseHolder(holderIdentity.substring(0, at), address);
        } catch (IllegalArgumentException e) {
            return new LeaseHolder(holderIdentity.substring(0, at), null); // another tool's identity: a name, no address
        }
    }

    /** {@code HOST:PORT} for a host and a port; an IPv6 host is bracketed. */
    public static String address(String host, int port) {
        return (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }
}
