package dev.fleetform.compiler.check.naming;

import dev.fleetform.compiler.check.CheckContext;
import dev.fleetform.compiler.check.Reporter;
import dev.fleetform.compiler.check.Rule;
import dev.fleetform.compiler.check.SourceLines;
import dev.fleetform.compiler.diag.Origin;
import dev.fleetform.compiler.model.Bastion;
import dev.fleetform.compiler.model.Host;
import dev.fleetform.compiler.model.Vm;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** ADDRESS-UNIQUE: no two hosts, VMs or bastions share an address (SSH and scrapes would hit the wrong machine). */
public final class AddressUniqueRule implements Rule {

    /** Who holds an address; {@code element} is the host, VM network or bastion that has the {@code address} key. */
    private record Owner(String kind, String name, Origin element) {
        Origin address() {
            return element.child("address");
        }

        String describe() {
            return kind + " " + name;
        }
    }

    @Override
    public String id() {
        return "ADDRESS-UNIQUE";
    }

    @Override
    public void check(CheckContext ctx, Reporter out) {
        Map<String, Owner> owners = new HashMap<>();
        for (Host host : ctx.fleet().hosts()) {
            claim(owners, host.address(), new Owner("host", host.name(), host.origin()), ctx, out);
            for (Vm vm : host.vms()) {
                if (vm.network() == null || vm.network().address() == null) continue;
                claim(owners, vm.network().address(), new Owner("VM", vm.name(), vm.network().origin()), ctx, out);
            }
        }
        for (Bastion b : ctx.fleet().access().bastions()) {
            claim(owners, b.address(), new Owner("bastion", b.name(), b.origin()), ctx, out);
        }
    }

    private static void claim(Map<String, Owner> owners, String address, Owner owner, CheckContext ctx, Reporter out) {
        if (address == null) return;
        // DNS names are case-insensitive; IP literals are unaffected.
        Owner first = owners.putIfAbsent(address.toLowerCase(Locale.ROOT), owner);
        if (first == null) return;
        out.error(owner.address(), "address " + address + " of " + owner.describe() + " is already the address of "
                        + first.describe() + " at " + SourceLines.fileLine(ctx, first.address()),
                "give each host, VM and bastion its own address: automation and scrapes reach machines by address");
    }
}
