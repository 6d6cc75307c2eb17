package dev.fleetform.compiler.check.access;

import dev.fleetform.compiler.model.Fleet;
import dev.fleetform.compiler.model.Host;
import dev.fleetform.compiler.model.Ssh;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The distinct {@code ssh.via} values of a fleet, each with the first place that sets it:
 * {@code defaults.ssh} first, then hosts that override it. Every host carries the merged
 * settings, so checking each value once keeps one error per mistake, not one per host.
 */
public final class SshVia {
    private SshVia() {
    }

    public static List<Ssh> distinct(Fleet fleet) {
        List<Ssh> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        add(fleet.defaults().ssh(), seen, out);
        for (Host host : fleet.hosts()) add(host.ssh(), seen, out);
        return out;
    }

    private static void add(Ssh ssh, Set<String> seen, List<Ssh> out) {
        if (ssh != null && ssh.via() != null && seen.add(ssh.via())) out.add(ssh);
    }
}
