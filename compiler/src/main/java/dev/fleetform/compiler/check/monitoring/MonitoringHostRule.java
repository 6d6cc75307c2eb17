package dev.fleetform.compiler.check.monitoring;

import dev.fleetform.compiler.check.CheckContext;
import dev.fleetform.compiler.check.Reporter;
import dev.fleetform.compiler.check.Rule;
import dev.fleetform.compiler.diag.DidYouMean;
import dev.fleetform.compiler.model.Host;
import dev.fleetform.compiler.model.MonitoringServer;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * MONITORING-HOST: each host of {@code monitoring.servers.*.hosts} is a host of the fleet (the
 * reconciler reaches hosts over SSH; a VM is not one of its targets), listed once.
 */
public final class MonitoringHostRule implements Rule {

    @Override
    public String id() {
        return "MONITORING-HOST";
    }

    @Override
    public void check(CheckContext ctx, Reporter out) {
        List<MonitoringServer> servers = ctx.fleet().monitoring().servers().all();
        if (servers.isEmpty()) return;
        Set<String> hosts = new LinkedHashSet<>();
        for (Host h : ctx.fleet().hosts()) hosts.add(h.name());
        Set<String> vms = new HashSet<>();
        for (var n : ctx.index().nodes()) if (n.isVm()) vms.add(n.name());
        for (MonitoringServer s : servers) {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < s.hosts().size(); i++) {
                String name = s.hosts().get(i);
                var at = s.origin().child("hosts").child(i);
                if (!seen.add(name)) {
                    out.error(at, "monitoring.servers." + s.kind().key() + " lists host '" + name + "' twice", "list each host once");
                } else if (!hosts.contains(name)) {
                    boolean vm = vms.contains(name);
                    out.error(at, "monitoring.servers." + s.kind().key() + " names '" + name + "', which is "
                                    + (vm ? "a VM: fleetform apply reaches hosts only" : "not a host of this fleet"),
                            vm ? "run it on a host, or configure the VM by hand" : DidYouMean.hint(name, hosts, "name a host from hosts"));
                }
            }
        }
    }
}
