package dev.fleetform.changes;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The differ on hand-made sets: what a live observer (no keys, no layers) and a git revision hand it. */
class DifferTest {
    private final AtomicInteger built = new AtomicInteger();

    private ResourceSet.Part host(String name, Object key, Layer layer, String swappiness) {
        Address.OnHost h = Address.OnHost.of(name);
        return new ResourceSet.Part("host/" + name, key, () -> {
            built.incrementAndGet();
            return List.of(new Resource(h, ResourceKind.HOST, Map.of("address", "10.0.0.1")),
                    new Resource(h.child("sysctl", "vm.swappiness"), ResourceKind.SYSCTL, layer, Map.of("value", swappiness)));
        });
    }

    @Test
    void partsWithEqualKeysAreNotBuilt() {
        ResourceSet a = ResourceSet.of(List.of(host("h1", "k1", null, "1"), host("h2", "k2", null, "1")));
        ResourceSet b = ResourceSet.of(List.of(host("h1", "k1", null, "1"), host("h2", "k2*", null, "10")));
        Plan p = Differ.diff(b, a, Set.of());
        assertEquals(2, built.get(), "only h2 of both sides");
        assertEquals(List.of("host/h2/sysctl/vm.swappiness"), p.changes().stream().map(c -> c.address().text()).toList());
    }

    @Test
    void theWholeDesiredSetIsThereWhenAskedFor() {
        ResourceSet desired = ResourceSet.of(List.of(host("h1", "k1", null, "1"), host("h2", "k2", null, "1")));
        assertEquals(0, built.get());
        assertEquals(4, desired.all().size());
    }

    @Test
    void aLiveObserverWithoutKeysIsComparedInFull() {
        ResourceSet desired = ResourceSet.of(List.of(host("h1", "k1", Layer.DEFAULTS, "1"), host("h2", "k2", Layer.DEFAULTS, "1")));
        ResourceSet live = ResourceSet.of(List.of(host("h1", null, null, "60"), host("h2", null, null, "1")));
        Plan p = Differ.diff(desired, live, Set.of());
        ResourceChange c = p.changes().getFirst();
        assertEquals(1, p.changes().size(), p.changes()::toString);
        assertEquals("host/h1/sysctl/vm.swappiness", c.address().text());
        assertEquals(List.of(new FieldChange("value", "60", "1")), c.fields());
    }

    @Test
    void aChangeToValuesOfOneLayerIsShownOnceWithTheHostsItReaches() {
        ResourceSet base = ResourceSet.of(List.of(host("h1", "a", Layer.DEFAULTS, "1"), host("h2", "b", Layer.DEFAULTS, "1"),
                host("h3", "c", null, "1")), Map.of(Layer.DEFAULTS, "swappiness 1"));
        ResourceSet head = ResourceSet.of(List.of(host("h1", "a*", Layer.DEFAULTS, "10"), host("h2", "b*", Layer.DEFAULTS, "10"),
                host("h3", "c*", null, "10")), Map.of(Layer.DEFAULTS, "swappiness 10"));
        Plan p = Differ.diff(head, base, Set.of());
        assertEquals(List.of("defaults/sysctl/vm.swappiness", "host/h3/sysctl/vm.swappiness"),
                p.changes().stream().map(c -> c.address().text()).toList());
        assertEquals(List.of("h1", "h2"), p.changes().getFirst().reaches());
        assertTrue(p.changes().get(1).reaches().isEmpty(), "h3 set the value itself");
    }

    @Test
    void valuesOfAnUnchangedLayerChangedForAnotherReasonAreShownPerHost() {
        ResourceSet base = ResourceSet.of(List.of(host("h1", "a", Layer.profile("p"), "1"), host("h2", "b", Layer.profile("p"), "1")),
                Map.of(Layer.profile("p"), "same"));
        ResourceSet head = ResourceSet.of(List.of(host("h1", "a*", Layer.profile("p"), "10"), host("h2", "b*", Layer.profile("p"), "10")),
                Map.of(Layer.profile("p"), "same"));
        assertEquals(List.of("host/h1/sysctl/vm.swappiness", "host/h2/sysctl/vm.swappiness"),
                Differ.diff(head, base, Set.of()).changes().stream().map(c -> c.address().text()).toList());
    }

    @Test
    void theDisksAndVgpusOfACreatedVmFoldIntoItsCreate() {
        Address.OnHost vm = Address.OnHost.of("g").child("vm", "v");
        ResourceSet head = ResourceSet.of(List.of(new ResourceSet.Part("host/g", "k", () -> List.of(
                new Resource(vm, ResourceKind.VM, Map.of("vcpus", 8)),
                new Resource(vm.child("disk", "0"), ResourceKind.VM_DISK, Map.of("sizeGiB", 800)),
                new Resource(vm.child("disk", "1"), ResourceKind.VM_DISK, Map.of("sizeGiB", 100)),
                new Resource(vm.child("vgpu", "0"), ResourceKind.VGPU, Map.of("profile", "L40S-12C"))))));
        Plan p = Differ.diff(head, ResourceSet.EMPTY, Set.of());
        assertEquals(1, p.changes().size(), p.changes()::toString);
        ResourceChange c = p.changes().getFirst();
        assertEquals(Risk.SAFE, c.risk());
        assertEquals("defines and starts VM v on g with 2 disks and 1 vGPU", c.reason());
    }

    @Test
    void aRemovedVmFoldsItsVgpusButEachDiskIsItsOwnDestructiveDelete() {
        Address.OnHost vm = Address.OnHost.of("g").child("vm", "v");
        ResourceSet base = ResourceSet.of(List.of(new ResourceSet.Part("host/g", "k", () -> List.of(
                new Resource(vm, ResourceKind.VM, Map.of("vcpus", 8)),
                new Resource(vm.child("disk", "0"), ResourceKind.VM_DISK, Map.of("sizeGiB", 800)),
                new Resource(vm.child("vgpu", "0"), ResourceKind.VGPU, Map.of("profile", "L40S-12C"))))));
        Plan p = Differ.diff(ResourceSet.EMPTY, base, Set.of("host/g/vm/v"));
        assertEquals(List.of("delete host/g/vm/v destructive approved", "delete host/g/vm/v/disk/0 destructive blocked"),
                p.changes().stream().map(c -> c.action().jsonName() + " " + c.address().text() + " " + c.risk().name().toLowerCase()
                        + (c.approved() ? " approved" : " blocked")).toList());
        assertEquals("VM v on g is shut down and undefined (its disks are deleted only by their own approved changes)", p.changes().getFirst().reason());
    }

    @Test
    void aRemovedHostTakesItsVmsAndStorageWithIt() {
        Address.OnHost h = Address.OnHost.of("s");
        ResourceSet base = ResourceSet.of(List.of(new ResourceSet.Part("host/s", "k", () -> List.of(
                new Resource(h, ResourceKind.HOST, Map.of()),
                new Resource(h.child("raid", "md0"), ResourceKind.RAID, Map.of("level", 6)),
                new Resource(h.child("vm", "v"), ResourceKind.VM, Map.of()),
                new Resource(h.child("vm", "v", "disk", "0"), ResourceKind.VM_DISK, Map.of("sizeGiB", 10))))));
        Plan p = Differ.diff(ResourceSet.EMPTY, base, Set.of());
        assertEquals(1, p.changes().size(), p.changes()::toString);
        assertEquals(Risk.DESTRUCTIVE, p.changes().getFirst().risk());
        assertEquals("host removed: its 1 VM and its disks are deleted; its storage (1 arrays, 0 filesystems) is given up",
                p.changes().getFirst().reason());
        assertTrue(Differ.diff(ResourceSet.EMPTY, base, Set.of("host/s")).unapprovedDestructive().isEmpty(), "approved by address");
    }
}
