package dev.fleetform.compiler.check.storage;

import dev.fleetform.compiler.model.Disk;
import dev.fleetform.compiler.model.Filesystem;
import dev.fleetform.compiler.model.Host;
import dev.fleetform.compiler.model.RaidArray;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * One host's disks, RAID arrays and filesystems by name (the first of each name: duplicates are
 * NAME-UNIQUE's), built per host so rules stay linear in hosts.
 */
public final class HostStorage {

    private final Host host;
    private final Map<String, Disk> disks;
    private final Map<String, RaidArray> arrays;
    private final Map<String, Filesystem> filesystems;

    private HostStorage(Host host) {
        this.host = host;
        this.disks = new HashMap<>();
        for (Disk d : host.hardware().disks()) disks.putIfAbsent(d.name(), d);
        this.arrays = new HashMap<>();
        for (RaidArray a : host.storage().raid()) arrays.putIfAbsent(a.name(), a);
        this.filesystems = new HashMap<>();
        for (Filesystem f : host.storage().filesystems()) filesystems.putIfAbsent(f.name(), f);
    }

    public static HostStorage of(Host host) {
        return new HostStorage(host);
    }

    public Host host() {
        return host;
    }

    public Map<String, Disk> disks() {
        return disks;
    }

    public Map<String, RaidArray> arrays() {
        return arrays;
    }

    public Map<String, Filesystem> filesystems() {
        return filesystems;
    }

    /** The array has enough members for its level and every member is a disk of the host. */
    public boolean isSound(RaidArray array) {
        if (!RaidMembersRule.hasEnoughMembers(array)) return false;
        for (String d : array.devices()) {
            if (!disks.containsKey(d)) return false;
        }
        return true;
    }

    /**
     * Usable GiB under a filesystem: the disk's size, or the array's capacity by level with its
     * smallest member. Empty when {@code on} is unknown or the array is not sound (other rules
     * report that, so capacity is not judged on a guess).
     */
    public OptionalLong usableGiB(Filesystem fs) {
        Disk disk = disks.get(fs.on());
        if (disk != null) return OptionalLong.of(disk.sizeGiB());
        RaidArray array = arrays.get(fs.on());
        if (array == null || !isSound(array)) return OptionalLong.empty();
        long smallest = Long.MAX_VALUE;
        for (String d : array.devices()) smallest = Math.min(smallest, disks.get(d).sizeGiB());
        return OptionalLong.of(array.level().usableGiB(array.devices().size(), smallest));
    }
}
