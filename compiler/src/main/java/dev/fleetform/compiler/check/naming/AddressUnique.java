package dev.fleetform.compiler.check.naming;

import dev.fleetform.compiler.check.CheckContext;
import dev.fleetform.compiler.check.Reporter;
import dev.fleetform.compiler.check.Rule;
import dev.fleetform.compiler.check.SourceLines;
import dev.fleetform.compiler.load.Origin;
import dev.fleetform.compiler.model.Bastion;
import dev.fleetform.compiler.model.Host;
import dev.fleetform.compiler.model.Vm;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** ADDRESS-UNIQUE: no two hosts, VMs or bastions share an address (SSH and scrapes would hit the wrong machine). */
public final class AddressUnique implements Rule {
    private record Owner(String what, Origin origin) {
    }

    @Override
    public String id() {
        return "ADDRESS-UNIQUE";
    }

    @Override
    public void check(CheckContext ctx, Reporter out) {
        Map<String, Owner> owners = new HashMap<>();
        for (Host host : ctx.fleet().hosts()) {
            claim(owners, host.address(), "host " + host.name(), host.origin().child("address"), ctx, out);
            for (Vm vm : host.vms()) {
                if (vm.network() == null) continue;
                claim(owners, vm.network().address(), "VM " + vm.name(),
                        vm.network().origin().child("address"), ctx, out);
            }
        }
        if (ctx.fleet().access() != null) {
            for (Bastion b : ctx.fleet().access().bastions()) {
                claim(owners, b.address(), "bastion " + b.name(), b.origin().child("address"), ctx, out);
            }
        }
    }

    private static void claim(Map<String, Owner> owners, String address, String what, Origin at,
                              CheckContext ctx, Reporter out) {
        if (address == null) return;
        // DNS names are case-insensitive; IP literals are unaffected.
        Owner first = owners.putIfAbsent(address.toLowerCase(Locale.ROOT), new Owner(what, at));
        if (first == null) return;
        out.error(at, "address " + address + " of " + what + " is already the address of " + first.what()
                        + " at " + SourceLines.fileLine(ctx, first.origin()),
                "give each host, VM and bastion its own address: automation and scrapes reach machines by address");
    }
}
