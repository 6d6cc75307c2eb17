package dev.fleetform.compiler.check.capacity;

import dev.fleetform.compiler.check.CheckContext;
import dev.fleetform.compiler.check.Reporter;
import dev.fleetform.compiler.check.Rule;
import dev.fleetform.compiler.check.storage.HostStorage;
import dev.fleetform.compiler.model.Filesystem;
import dev.fleetform.compiler.model.Host;
import dev.fleetform.compiler.model.RaidArray;
import dev.fleetform.compiler.model.Saturating;
import dev.fleetform.compiler.model.Vm;
import dev.fleetform.compiler.model.VmDisk;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * {@code VM-DISK-FIT}: per filesystem, the VM disks on it fit the usable size of what it is on
 * (a disk's size, or an array's capacity by level with its smallest member). Filesystems whose
 * device is unknown or broken are left to the reference and RAID rules.
 */
public final class VmDiskFitRule implements Rule {

    @Override
    public String id() {
        return "VM-DISK-FIT";
    }

    @Override
    public void check(CheckContext ctx, Reporter out) {
        for (Host host : ctx.fleet().hosts()) {
            if (host.vms().isEmpty() || host.storage().filesystems().isEmpty()) continue;
            HostStorage storage = HostStorage.of(host);
            Map<String, VmShares> byFilesystem = new LinkedHashMap<>();
            for (Vm vm : host.vms()) {
                Map<String, Long> perFilesystem = new LinkedHashMap<>();
                for (VmDisk disk : vm.disks()) {
                    if (!storage.filesystems().containsKey(disk.filesystem())) continue;
                    perFilesystem.merge(disk.filesystem(), disk.sizeGiB(), Saturating::add);
                }
                perFilesystem.forEach((fs, size) ->
                        byFilesystem.computeIfAbsent(fs, k -> new VmShares()).add(vm.name(), size));
            }
            byFilesystem.forEach((name, shares) -> {
                Filesystem fs = storage.filesystems().get(name);
                OptionalLong usable = storage.usableGiB(fs);
                if (usable.isEmpty() || shares.total() <= usable.getAsLong()) return;
                out.error(host.origin(),
                        host.name() + ": VM disks on filesystem " + name + " need " + shares.total()
                                + " GiB; " + device(storage, fs) + " has " + usable.getAsLong() + " GiB usable ("
                                + shares.describe(" GiB") + ")",
                        "shrink or move a VM disk, or put " + name + " on a bigger disk or array");
            });
        }
    }

    private static String device(HostStorage storage, Filesystem fs) {
        RaidArray array = storage.disks().containsKey(fs.on()) ? null : storage.arrays().get(fs.on());
        if (array == null) return "its disk " + fs.on();
        return "its RAID" + array.level().number() + " array " + array.name() + " of "
                + array.devices().size() + " disks";
    }
}
