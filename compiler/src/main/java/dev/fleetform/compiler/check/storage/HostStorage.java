package dev.fleetform.compiler.check.storage;

import dev.fleetform.compiler.model.Disk;
import dev.fleetform.compiler.model.Filesystem;
import dev.fleetform.compiler.model.Host;
import dev.fleetform.compiler.model.RaidArray;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * One host's disks, RAID arrays and filesystems by name (the first of each name: duplicates are
 * NAME-UNIQUE's), built per host so rules stay linear in hosts.
 */
public final class HostStorage {

    private final Host host;
    private Map<String, Disk> disks;
    private Map<String, RaidArray> arrays;
    private Map<String, Filesystem> filesystems;

    private HostStorage(Host host) {
        this.host = host;
    }

    /** Maps are built on first use: most rules need only one or two of them. */
    public static HostStorage of(Host host) {
        return new HostStorage(host);
    }

    public Host host() {
        return host;
    }

    public Map<String, Disk> disks() {
        if (disks == null) disks = byName(host.hardware().disks(), Disk::name);
        return disks;
    }

    public Map<String, RaidArray> arrays() {
        if (arrays == null) arrays = byName(host.storage().raid(), RaidArray::name);
        return arrays;
    }

    public Map<String, Filesystem> filesystems() {
        if (filesystems == null) filesystems = byName(host.storage().filesystems(), Filesystem::name);
        return filesystems;
    }

    private static <T> Map<String, T> byName(List<T> items, Function<T, String> name) {
        Map<String, T> out = HashMap.newHashMap(items.size());
        for (T item : items) out.putIfAbsent(name.apply(item), item);
        return out;
    }

    /** The array has enough members for its level and every member is a disk of the host. */
    public boolean isSound(RaidArray array) {
        if (!RaidMembersRule.hasEnoughMembers(array)) return false;
        for (String d : array.devices()) {
            if (!disks().containsKey(d)) return false;
        }
        return true;
    }

    /**
     * Usable GiB under a filesystem: the disk's size, or the array's capacity by level with its
     * smallest member. Empty when {@code on} is unknown or the array is not sound (other rules
     * report that, so capacity is not judged on a guess).
     */
    public OptionalLong usableGiB(Filesystem fs) {
        Disk disk = disks().get(fs.on());
        if (disk != null) return OptionalLong.of(disk.sizeGiB());
        RaidArray array = arrays().get(fs.on());
        if (array == null || !isSound(array)) return OptionalLong.empty();
        long smallest = Long.MAX_VALUE;
        for (String d : array.devices()) smallest = Math.min(smallest, disks().get(d).sizeGiB());
        return OptionalLong.of(array.level().usableGiB(array.devices().size(), smallest));
    }
}
