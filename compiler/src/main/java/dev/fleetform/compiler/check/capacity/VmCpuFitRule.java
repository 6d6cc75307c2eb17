package dev.fleetform.compiler.check.capacity;

import dev.fleetform.compiler.check.CheckContext;
import dev.fleetform.compiler.check.Reporter;
import dev.fleetform.compiler.check.Rule;
import dev.fleetform.compiler.model.Host;
import dev.fleetform.compiler.model.Vm;

import java.math.BigDecimal;

/** {@code VM-CPU-FIT}: the VMs' vCPUs fit the host's cores times {@code overcommit.cpu}. */
public final class VmCpuFitRule implements Rule {

    @Override
    public String id() {
        return "VM-CPU-FIT";
    }

    @Override
    public void check(CheckContext ctx, Reporter out) {
        for (Host host : ctx.fleet().hosts()) {
            if (host.vms().isEmpty()) continue;
            VmShares shares = new VmShares();
            for (Vm vm : host.vms()) shares.add(vm.name(), vm.vcpus());
            long limit = limit(host);
            if (shares.total() <= limit) continue;
            int cores = host.hardware().cores();
            String overcommit = BigDecimal.valueOf(host.cpuOvercommit()).stripTrailingZeros().toPlainString();
            String have = cores == 0
                    ? "the host declares no hardware.cpu.cores"
                    : "the host allows " + cores + " cores × overcommit.cpu " + overcommit + " = " + limit;
            out.error(host.origin(),
                    host.name() + ": VMs need " + shares.total() + " vCPUs; " + have
                            + " (" + shares.describe("") + ")",
                    cores == 0 ? "set hardware.cpu.cores on the host or its profile"
                            : "lower vcpus of a VM, move a VM to another host, or raise overcommit.cpu");
        }
    }

    /** Whole vCPUs the host may hand out; a tiny epsilon keeps 10 x 1.1 at 11. */
    static long limit(Host host) {
        return (long) Math.floor(host.hardware().cores() * host.cpuOvercommit() + 1e-9);
    }
}
