package dev.fleetform.compiler.check.storage;

import dev.fleetform.compiler.check.CheckContext;
import dev.fleetform.compiler.check.InheritedFindings;
import dev.fleetform.compiler.check.Reporter;
import dev.fleetform.compiler.check.Rule;
import dev.fleetform.compiler.diag.DidYouMean;
import dev.fleetform.compiler.diag.Origin;
import dev.fleetform.compiler.model.Host;
import dev.fleetform.compiler.model.RaidArray;

import java.util.List;
import java.util.TreeSet;

/** {@code REF-DISK}: a RAID array's {@code devices} and {@code spares} name disks of its host. */
public final class RefDiskRule implements Rule {

    @Override
    public String id() {
        return "REF-DISK";
    }

    @Override
    public void check(CheckContext ctx, Reporter out) {
        InheritedFindings findings = new InheritedFindings();
        for (Host host : ctx.fleet().hosts()) {
            if (host.storage().raid().isEmpty()) continue;
            HostStorage storage = HostStorage.of(host);
            for (RaidArray array : host.storage().raid()) {
                checkNames(storage, array, "devices", array.devices(), findings);
                checkNames(storage, array, "spares", array.spares(), findings);
            }
        }
        findings.reportTo(out);
    }

    private static void checkNames(HostStorage storage, RaidArray array, String key, List<String> names,
                                   InheritedFindings findings) {
        Origin list = array.origin().child(key);
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (storage.disks().containsKey(name)) continue;
            String where = "array " + array.name() + " " + key + " names ";
            if (storage.arrays().containsKey(name)) {
                findings.error(storage.host(), list.child(i),
                        where + name + ", which is a RAID array, not a disk",
                        "arrays are built from disks of hardware.disks; nested arrays are not supported");
            } else {
                findings.error(storage.host(), list.child(i),
                        where + "disk " + name + ", which the host does not have",
                        hint(name, storage));
            }
        }
    }

    private static String hint(String name, HostStorage storage) {
        if (storage.disks().isEmpty()) return "declare the disk under hardware.disks";
        TreeSet<String> known = new TreeSet<>(storage.disks().keySet());
        return DidYouMean.hint(name, known, "the host's disks are " + String.join(", ", known));
    }
}
