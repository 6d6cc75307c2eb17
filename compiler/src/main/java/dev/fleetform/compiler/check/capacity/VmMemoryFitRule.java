package dev.fleetform.compiler.check.capacity;

import dev.fleetform.compiler.check.CheckContext;
import dev.fleetform.compiler.check.Reporter;
import dev.fleetform.compiler.check.Rule;
import dev.fleetform.compiler.model.Host;
import dev.fleetform.compiler.model.Vm;

/** {@code VM-MEMORY-FIT}: the VMs' memory fits the host's memory less what is reserved for it. */
public final class VmMemoryFitRule implements Rule {

    @Override
    public String id() {
        return "VM-MEMORY-FIT";
    }

    @Override
    public void check(CheckContext ctx, Reporter out) {
        for (Host host : ctx.fleet().hosts()) {
            if (host.vms().isEmpty()) continue;
            VmShares shares = new VmShares();
            for (Vm vm : host.vms()) shares.add(vm.name(), vm.memoryGiB());
            int memory = host.hardware().memoryGiB();
            long limit = (long) memory - host.reservedMemoryGiB();
            if (shares.total() <= limit) continue;
            String have = memory == 0
                    ? "the host declares no hardware.memoryGiB"
                    : "the host has " + memory + " GiB - reservedMemoryGiB " + host.reservedMemoryGiB()
                    + " = " + Math.max(0, limit) + " GiB";
            out.error(host.origin(),
                    host.name() + ": VMs need " + shares.total() + " GiB of memory; " + have
                            + " (" + shares.describe(" GiB") + ")",
                    memory == 0 ? "set hardware.memoryGiB on the host or its profile"
                            : "lower memoryGiB of a VM, move a VM to another host, or lower reservedMemoryGiB");
        }
    }
}
