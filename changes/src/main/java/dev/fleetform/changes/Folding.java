package dev.fleetform.changes;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Changes told by their parent's change: the deletes below a removed host or VM are part of that
 * removal. The parent's change carries what was folded into it, by kind.
 */
final class Folding {
    private final Set<Address> folded;
    private final Map<Address, Map<ResourceKind, Integer>> contents;

    private Folding(Set<Address> folded, Map<Address, Map<ResourceKind, Integer>> contents) {
        this.folded = folded;
        this.contents = contents;
    }

    static Folding of(List<Address> changed, Map<Address, Resource> before, Map<Address, Resource> after) {
        Set<Address> removed = new HashSet<>();
        for (Address a : changed) {
            Resource b = before.get(a);
            if (b != null && !after.containsKey(a) && (b.kind() == ResourceKind.HOST || b.kind() == ResourceKind.VM)) removed.add(a);
        }
        Set<Address> folded = new HashSet<>();
        Map<Address, Map<ResourceKind, Integer>> contents = new HashMap<>();
        if (removed.isEmpty()) return new Folding(folded, contents);
        for (Address a : changed) {
            if (after.containsKey(a) || !(a instanceof Address.OnHost on) || on.isHost()) continue;
            Address parent = parent(on, removed);
            if (parent == null) continue;
            folded.add(a);
            contents.computeIfAbsent(parent, k -> new EnumMap<>(ResourceKind.class)).merge(before.get(a).kind(), 1, Integer::sum);
        }
        return new Folding(folded, contents);
    }

    /** The nearest removed VM or host above {@code on}, or null. */
    private static Address parent(Address.OnHost on, Set<Address> removed) {
        Address.OnHost vm = on.vmAddress();
        if (vm != null && !vm.equals(on) && removed.contains(vm)) return vm;
        Address.OnHost host = Address.OnHost.of(on.host());
        return removed.contains(host) ? host : null;
    }

    boolean isFolded(Address a) {
        return folded.contains(a);
    }

    /** What is folded into the change at {@code a}, by kind; empty for most. */
    Map<ResourceKind, Integer> contents(Address a) {
        return contents.getOrDefault(a, Map.of());
    }
}
