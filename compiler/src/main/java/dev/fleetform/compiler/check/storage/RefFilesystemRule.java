package dev.fleetform.compiler.check.storage;

import dev.fleetform.compiler.check.CheckContext;
import dev.fleetform.compiler.check.Reporter;
import dev.fleetform.compiler.check.Rule;
import dev.fleetform.compiler.diag.DidYouMean;
import dev.fleetform.compiler.model.Filesystem;
import dev.fleetform.compiler.model.Host;
import dev.fleetform.compiler.model.Vm;
import dev.fleetform.compiler.model.VmDisk;

import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

/** {@code REF-FILESYSTEM}: a VM disk names a filesystem of the VM's host. */
public final class RefFilesystemRule implements Rule {

    @Override
    public String id() {
        return "REF-FILESYSTEM";
    }

    @Override
    public void check(CheckContext ctx, Reporter out) {
        for (Host host : ctx.fleet().hosts()) {
            if (host.vms().isEmpty()) continue;
            Set<String> names = null;
            for (Vm vm : host.vms()) {
                for (VmDisk disk : vm.disks()) {
                    if (names == null) names = filesystemNames(host);
                    if (names.contains(disk.filesystem())) continue;
                    out.error(disk.origin().child("filesystem"),
                            host.name() + ": VM " + vm.name() + " has a disk on filesystem " + disk.filesystem()
                                    + ", which the host does not have",
                            hint(disk.filesystem(), names));
                }
            }
        }
    }

    private static Set<String> filesystemNames(Host host) {
        Set<String> names = new HashSet<>();
        for (Filesystem fs : host.storage().filesystems()) names.add(fs.name());
        return names;
    }

    private static String hint(String wrong, Set<String> names) {
        if (names.isEmpty()) return "declare the filesystem under the host's storage.filesystems";
        TreeSet<String> known = new TreeSet<>(names);
        return DidYouMean.hint(wrong, known, "the host's filesystems are " + String.join(", ", known));
    }
}
