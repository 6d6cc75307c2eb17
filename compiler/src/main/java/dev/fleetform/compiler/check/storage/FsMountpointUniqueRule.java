package dev.fleetform.compiler.check.storage;

import dev.fleetform.compiler.check.CheckContext;
import dev.fleetform.compiler.check.InheritedFindings;
import dev.fleetform.compiler.check.Reporter;
import dev.fleetform.compiler.check.Rule;
import dev.fleetform.compiler.model.Filesystem;
import dev.fleetform.compiler.model.Host;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code FS-MOUNTPOINT-UNIQUE}: no two filesystems of a host mount at the same place. */
public final class FsMountpointUniqueRule implements Rule {

    @Override
    public String id() {
        return "FS-MOUNTPOINT-UNIQUE";
    }

    @Override
    public void check(CheckContext ctx, Reporter out) {
        InheritedFindings findings = new InheritedFindings();
        for (Host host : ctx.fleet().hosts()) {
            List<Filesystem> filesystems = host.storage().filesystems();
            if (filesystems.size() < 2) continue;
            Map<String, Filesystem> byMountpoint = new HashMap<>();
            for (Filesystem fs : filesystems) {
                if (fs.mountpoint() == null) continue;
                Filesystem first = byMountpoint.putIfAbsent(normalize(fs.mountpoint()), fs);
                if (first == null) continue;
                findings.error(host, fs.origin().child("mountpoint"),
                        "filesystems " + first.name() + " and " + fs.name() + " both mount at " + fs.mountpoint(),
                        "give filesystem " + fs.name() + " another mountpoint");
            }
        }
        findings.reportTo(out);
    }

    /** {@code /data/} and {@code /data} are one mountpoint. */
    private static String normalize(String mountpoint) {
        int end = mountpoint.length();
        while (end > 1 && mountpoint.charAt(end - 1) == '/') end--;
        return end == mountpoint.length() ? mountpoint : mountpoint.substring(0, end);
    }
}
