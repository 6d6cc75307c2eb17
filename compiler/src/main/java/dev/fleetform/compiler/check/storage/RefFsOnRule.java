package dev.fleetform.compiler.check.storage;

import dev.fleetform.compiler.check.CheckContext;
import dev.fleetform.compiler.check.InheritedFindings;
import dev.fleetform.compiler.check.Reporter;
import dev.fleetform.compiler.check.Rule;
import dev.fleetform.compiler.diag.DidYouMean;
import dev.fleetform.compiler.model.Filesystem;
import dev.fleetform.compiler.model.Host;

import java.util.TreeSet;

/** {@code REF-FS-ON}: a filesystem's {@code on} names a RAID array or a disk of its host. */
public final class RefFsOnRule implements Rule {

    @Override
    public String id() {
        return "REF-FS-ON";
    }

    @Override
    public void check(CheckContext ctx, Reporter out) {
        InheritedFindings findings = new InheritedFindings();
        for (Host host : ctx.fleet().hosts()) {
            if (host.storage().filesystems().isEmpty()) continue;
            HostStorage storage = HostStorage.of(host);
            for (Filesystem fs : host.storage().filesystems()) {
                if (storage.disks().containsKey(fs.on()) || storage.arrays().containsKey(fs.on())) continue;
                findings.error(host, fs.origin().child("on"),
                        "filesystem " + fs.name() + " is on " + fs.on() + ", which is not a RAID array or disk of the host",
                        hint(fs.on(), storage));
            }
        }
        findings.reportTo(out);
    }

    /** Arrays are suggested before disks: {@code md1} is more likely a typo of {@code md0} than of {@code d1}. */
    private static String hint(String on, HostStorage storage) {
        TreeSet<String> known = new TreeSet<>(storage.arrays().keySet());
        known.addAll(storage.disks().keySet());
        if (known.isEmpty()) return "declare the disk under hardware.disks or the array under storage.raid";
        String fallback = "the host's arrays and disks are " + String.join(", ", known);
        return DidYouMean.hint(on, storage.arrays().keySet(), DidYouMean.hint(on, storage.disks().keySet(), fallback));
    }
}
