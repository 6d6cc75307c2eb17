package dev.fleetform.changes;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Changes told by their parent's change. The deletes below a removed host are part of that
 * removal, and so are a removed VM's vGPUs; a removed VM's disks are not: removing a VM undefines
 * it, and each of its disk volumes is deleted only when that disk's own delete is approved (the
 * data outlives the definition). The parts of a VM that is created (its disks, its vGPUs) are part
 * of its creation: they restart nothing, since there is nothing running yet. The parent's change carries what was
 * folded into it, by kind, for the policy and the reason.
 *
 * <p>The arrays, filesystems and mounts of a new host are not folded: the machine exists, each of
 * them acts on its disks, and each is refused by the policy's own terms (blank devices only).
 */
final class Folding {
    private final Set<Address> folded;
    private final Map<Address, Map<ResourceKind, Integer>> contents;

    private Folding(Set<Address> folded, Map<Address, Map<ResourceKind, Integer>> contents) {
        this.folded = folded;
        this.contents = contents;
    }

    static Folding of(List<Address> changed, Map<Address, Resource> before, Map<Address, Resource> after) {
        Set<Address> removed = new HashSet<>(), created = new HashSet<>();
        for (Address a : changed) {
            Resource b = before.get(a), h = after.get(a);
            if (h == null && (b.kind() == ResourceKind.HOST || b.kind() == ResourceKind.VM)) removed.add(a);
            if (b == null && h.kind() == ResourceKind.VM) created.add(a);
        }
        Set<Address> folded = new HashSet<>();
        Map<Address, Map<ResourceKind, Integer>> contents = new HashMap<>();
        if (removed.isEmpty() && created.isEmpty()) return new Folding(folded, contents);
        for (Address a : changed) {
            if (!(a instanceof Address.OnHost on) || on.isHost()) continue;
            Resource b = before.get(a), h = after.get(a);
            Address parent = h == null ? removedParent(on, removed) : b == null ? createdVm(on, created) : null;
            if (parent == null) continue;
            folded.add(a);
            contents.computeIfAbsent(parent, k -> new EnumMap<>(ResourceKind.class)).merge((h == null ? b : h).kind(), 1, Integer::sum);
        }
        return new Folding(folded, contents);
    }

    /** The nearest removed VM or host above {@code on}, or null. */
    private static Address removedParent(Address.OnHost on, Set<Address> removed) {
        if (removed.isEmpty()) return null;
        Address.OnHost vm = on.vmAddress();
        if (vm != null && !vm.equals(on) && removed.contains(vm) && !isDisk(on)) return vm;
        Address.OnHost host = Address.OnHost.of(on.host());
        return removed.contains(host) ? host : null;
    }

    /** A VM's disk ({@code vm/<vm>/disk/<i>}). */
    private static boolean isDisk(Address.OnHost on) {
        return on.path().size() == 4 && on.path().get(2).equals("disk");
    }

    /** The created VM {@code on} is a part of, or null. */
    private static Address createdVm(Address.OnHost on, Set<Address> created) {
        Address.OnHost vm = on.vmAddress();
        return vm != null && !vm.equals(on) && created.contains(vm) ? vm : null;
    }

    boolean isFolded(Address a) {
        return folded.contains(a);
    }

    /** What is folded into the change at {@code a}, by kind; empty for most. */
    Map<ResourceKind, Integer> contents(Address a) {
        return contents.getOrDefault(a, Map.of());
    }
}
