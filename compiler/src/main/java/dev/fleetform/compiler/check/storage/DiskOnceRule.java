package dev.fleetform.compiler.check.storage;

import dev.fleetform.compiler.check.CheckContext;
import dev.fleetform.compiler.check.InheritedFindings;
import dev.fleetform.compiler.check.Reporter;
import dev.fleetform.compiler.check.Rule;
import dev.fleetform.compiler.load.Origin;
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
            Map<String, String> users = new HashMap<>();
            for (RaidArray array : host.storage().raid()) {
                claim(storage, array, "devices", array.devices(), users, findings);
                claim(storage, array, "spares", array.spares(), users, findings);
            }
            for (Filesystem fs : host.storage().filesystems()) {
                String on = fs.on();
                boolean disk = storage.disks().containsKey(on);
                if (!disk && !storage.arrays().containsKey(on)) continue;
                String user = "filesystem " + fs.name();
                String first = users.putIfAbsent(on, user);
                if (first != null) {
                    String thing = (disk ? "disk " : "array ") + on;
                    findings.error(host, fs.origin().child("on"),
                            thing + " is used by " + first + " and by " + user,
                            disk ? "a disk belongs to one array or one filesystem; put " + fs.name()
                                    + " on another disk or array"
                                    : "an array carries one filesystem; put " + fs.name() + " on another array or disk");
                }
            }
        }
        findings.reportTo(out);
    }

    private static void claim(HostStorage storage, RaidArray array, String key, List<String> disks,
                              Map<String, String> users, InheritedFindings findings) {
        Origin list = array.origin().child(key);
        String user = "array " + array.name() + " (" + (key.equals("devices") ? "device" : "spare") + ")";
        for (int i = 0; i < disks.size(); i++) {
            String disk = disks.get(i);
            if (!storage.disks().containsKey(disk)) continue;
            String first = users.putIfAbsent(disk, user);
            if (first == null) continue;
            String message = first.equals(user)
                    ? "disk " + disk + " is listed twice in " + key + " of array " + array.name()
                    : "disk " + disk + " is used by " + first + " and by " + user;
            findings.error(storage.host(), list.child(i), message,
                    "a disk belongs to one array or one filesystem; remove " + disk + " from one of them");
        }
    }
}
