package dev.fleetform.compiler.index;

import dev.fleetform.compiler.model.Fleet;
import dev.fleetform.compiler.model.Host;
import dev.fleetform.compiler.model.Selector;
import dev.fleetform.compiler.model.Vm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lookups computed once per fleet and shared by all rules (and by the emitters), so no rule
 * scans the fleet per host.
 */
public final class FleetIndex {

    /** A host or a VM: what selectors select, what inventories and node pools list. */
    public record Node(String name, Host host, Vm vm) {
        public boolean isVm() {
            return vm != null;
        }

        public List<String> roles() {
            return vm != null ? vm.roles() : host.roles();
        }

        public Map<String, String> labels() {
            return vm != null ? vm.labels() : host.labels();
        }

        public String address() {
            return vm != null ? (vm.network() == null ? null : vm.network().address()) : host.address();
        }
    }

    private final Map<String, Host> hostsByName;
    private final List<Node> nodes;
    private final Map<Selector, List<Node>> selections = new ConcurrentHashMap<>();

    private FleetIndex(Map<String, Host> hostsByName, List<Node> nodes) {
        this.hostsByName = hostsByName;
        this.nodes = nodes;
    }

    public static FleetIndex of(Fleet fleet) {
        Map<String, Host> byName = new HashMap<>(fleet.hosts().size() * 2);
        List<Node> nodes = new ArrayList<>(fleet.hosts().size() * 2);
        for (Host h : fleet.hosts()) {
            byName.putIfAbsent(h.name(), h);
            nodes.add(new Node(h.name(), h, null));
            for (Vm vm : h.vms()) nodes.add(new Node(vm.name(), h, vm));
        }
        return new FleetIndex(Collections.unmodifiableMap(byName), Collections.unmodifiableList(nodes));
    }

    /** First host of each name (duplicates are reported by their own rule). */
    public Map<String, Host> hostsByName() {
        return hostsByName;
    }

    /** Every host followed by its VMs, in file order. */
    public List<Node> nodes() {
        return nodes;
    }

    /**
     * Hosts and VMs the selector picks, in file order (unmodifiable). A selection is computed once
     * per selector: several rules and emitters ask for the same pools, and each scan visits every
     * node of the fleet. Safe to call from several threads.
     */
    public List<Node> select(Selector selector) {
        return selections.computeIfAbsent(selector, this::scan);
    }

    /** True when the selector picks at least one host or VM; stops at the first. */
    public boolean selectsAny(Selector selector) {
        List<Node> known = selections.get(selector);
        if (known != null) return !known.isEmpty();
        for (Node n : nodes) {
            if (selector.matches(n.name(), n.roles(), n.labels())) return true;
        }
        return false;
    }

    private List<Node> scan(Selector selector) {
        List<Node> out = new ArrayList<>();
        for (Node n : nodes) {
            if (selector.matches(n.name(), n.roles(), n.labels())) out.add(n);
        }
        return Collections.unmodifiableList(out);
    }
}
