package dev.fleetform.compiler.check.storage;

import dev.fleetform.compiler.check.CheckContext;
import dev.fleetform.compiler.check.InheritedFindings;
import dev.fleetform.compiler.check.Reporter;
import dev.fleetform.compiler.check.Rule;
import dev.fleetform.compiler.diag.Origin;
import dev.fleetform.compiler.model.Filesystem;
import dev.fleetform.compiler.model.Host;
import dev.fleetform.compiler.model.RaidArray;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code DISK-ONCE}: a disk belongs to at most one array (as a device or a spare) or one
 * filesystem; likewise an array carries at most one filesystem. The second use is reported,
 * naming the first. Names that are not disks or arrays of the host are REF-DISK's / REF-FS-ON's.
 */
public final class DiskOnceRule implements Rule {

    /** Who uses a disk or an array: an array (as a device or a spare) or a filesystem. */
    private record Use(String kind, String name, String role) {
        static Use array(RaidArray array, boolean spare) {
            return new Use("array", array.name(), spare ? "spare" : "device");
        }

        static Use filesystem(Filesystem fs) {
            return new Use("filesystem", fs.name(), null);
        }

        @Override
        public String toString() {
            return kind + " " + name + (role == null ? "" : " (" + role + ")");
        }
    }

    @Override
    public String id() {
        return "DISK-ONCE";
    }

    @Override
    public void check(CheckContext ctx, Reporter out) {
        InheritedFindings findings = new InheritedFindings();
        for (Host host : ctx.fleet().hosts()) {
            if (host.storage().raid().isEmpty() && host.storage().filesystems().size() < 2) continue;
            HostStorage storage = HostStorage.of(host);
            Map<String, Use> users = new HashMap<>();
            for (RaidArray array : host.storage().raid()) {
                claim(storage, array, false, users, findings);
                claim(storage, array, true, users, findings);
            }
            for (Filesystem fs : host.storage().filesystems()) {
                String on = fs.on();
                boolean disk = storage.disks().containsKey(on);
                if (!disk && !storage.arrays().containsKey(on)) continue;
                Use use = Use.filesystem(fs);
                Use first = users.putIfAbsent(on, use);
                if (first == null) continue;
                findings.error(host, fs.origin().child("on"),
                        (disk ? "disk " : "array ") + on + " is used by " + first + " and by " + use,
                        disk ? "a disk belongs to one array or one filesystem; put " + fs.name() + " on another disk or array"
                                : "an array carries one filesystem; put " + fs.name() + " on another array or disk");
            }
        }
        findings.reportTo(out);
    }

    private static void claim(HostStorage storage, RaidArray array, boolean spares, Map<String, Use> users,
                              InheritedFindings findings) {
        List<String> disks = spares ? array.spares() : array.devices();
        if (disks.isEmpty()) return;
        String key = spares ? "spares" : "devices";
        Use use = Use.array(array, spares);
        for (int i = 0; i < disks.size(); i++) {
            String disk = disks.get(i);
            if (!storage.disks().containsKey(disk)) continue;
            Use first = users.putIfAbsent(disk, use);
            if (first == null) continue;
            String message = first.equals(use)
                    ? "disk " + disk + " is listed twice in " + key + " of array " + array.name()
                    : "disk " + disk + " is used by " + first + " and by " + use;
            findings.error(storage.host(), array.origin().child(key).child(i), message,
                    "a disk belongs to one array or one filesystem; remove " + disk + " from one of them");
        }
    }
}
