package dev.fleetform.compiler.check.naming;

import dev.fleetform.compiler.check.CheckContext;
import dev.fleetform.compiler.check.Reporter;
import dev.fleetform.compiler.check.Rule;
import dev.fleetform.compiler.diag.Location;
import dev.fleetform.compiler.diag.Origin;
import dev.fleetform.compiler.model.AccessGroup;
import dev.fleetform.compiler.model.AlertRule;
import dev.fleetform.compiler.model.Bastion;
import dev.fleetform.compiler.model.Cluster;
import dev.fleetform.compiler.model.Disk;
import dev.fleetform.compiler.model.Filesystem;
import dev.fleetform.compiler.model.Fleet;
import dev.fleetform.compiler.model.Gpu;
import dev.fleetform.compiler.model.Host;
import dev.fleetform.compiler.model.Miner;
import dev.fleetform.compiler.model.Pool;
import dev.fleetform.compiler.model.RaidArray;
import dev.fleetform.compiler.model.Receiver;
import dev.fleetform.compiler.model.Vm;

import java.util.HashSet;
import java.util.Set;

/**
 * NAME-UNIQUE: names are unique in their scope. Hosts and VMs share one scope (both are
 * inventory hosts); per host, disks and RAID arrays share one (a filesystem's {@code on} may
 * name either), filesystems and GPUs have their own.
 */
public final class NameUniqueRule implements Rule {

    @Override
    public String id() {
        return "NAME-UNIQUE";
    }

    @Override
    public void check(CheckContext ctx, Reporter out) {
        Fleet fleet = ctx.fleet();
        // Per-host elements inherited from a profile share its origin: report each such place once.
        Reporter once = new OncePerPlace(out);

        NameScope inventory = new NameScope(() -> "rename one of them: hosts and VMs share one name space"
                + " because both are inventory hosts (Ansible, Prometheus, JumpServer)");
        for (Host host : fleet.hosts()) {
            inventory.claim("host", host.name(), host.origin(), ctx, out);
            for (Vm vm : host.vms()) inventory.claim("VM", vm.name(), vm.origin(), ctx, out);
            checkHost(host, ctx, once);
        }

        NameScope clusters = new NameScope(() -> "rename one of the clusters");
        for (Cluster cluster : fleet.clusters()) {
            clusters.claim("cluster", cluster.name(), cluster.origin(), ctx, out);
            NameScope pools = new NameScope(() -> "rename one of the pools: pool names are unique per cluster");
            for (Pool pool : cluster.pools()) pools.claim("pool", pool.name(), pool.origin(), ctx, out);
        }

        NameScope miners = new NameScope(() -> "rename one of the miners");
        for (Miner miner : fleet.miners()) miners.claim("miner", miner.name(), miner.origin(), ctx, out);

        NameScope bastions = new NameScope(() -> "rename one of the bastions");
        for (Bastion b : fleet.access().bastions()) bastions.claim("bastion", b.name(), b.origin(), ctx, out);
        NameScope groups = new NameScope(() -> "rename one of the access groups (each is a JumpServer asset node)");
        for (AccessGroup g : fleet.access().groups()) groups.claim("access group", g.name(), g.origin(), ctx, out);

        NameScope receivers = new NameScope(() -> "rename one of the receivers");
        for (Receiver r : fleet.monitoring().receivers()) receivers.claim("receiver", r.name(), r.origin(), ctx, out);
        NameScope alerts = new NameScope(() -> "rename one of the alert rules, or merge them into one");
        for (AlertRule a : fleet.monitoring().alerts()) alerts.claim("alert rule", a.name(), a.origin(), ctx, out);
    }

    private static void checkHost(Host host, CheckContext ctx, Reporter out) {
        NameScope devices = new NameScope(() -> "rename one of them (host " + host.name() + "): a filesystem's 'on'"
                + " names a disk or a RAID array of its host, so they share one name space");
        for (Disk d : host.hardware().disks()) devices.claim("disk", d.name(), d.origin(), ctx, out);
        for (RaidArray a : host.storage().raid()) devices.claim("RAID array", a.name(), a.origin(), ctx, out);

        NameScope filesystems = new NameScope(() -> "rename one of the filesystems on host " + host.name());
        for (Filesystem f : host.storage().filesystems()) filesystems.claim("filesystem", f.name(), f.origin(), ctx, out);

        NameScope gpus = new NameScope(() -> "rename one of the GPUs on host " + host.name() + " (a VM's vGPU names its GPU)");
        for (Gpu g : host.hardware().gpus()) gpus.claim("GPU", g.name(), g.origin(), ctx, out);
    }

    /** Passes on the first report at each place and drops the rest (profile content repeats per host). */
    private static final class OncePerPlace implements Reporter {
        private final Reporter out;
        private final Set<String> seen = new HashSet<>();

        OncePerPlace(Reporter out) {
            this.out = out;
        }

        @Override
        public void error(Origin at, String message, String hint) {
            if (seen.add(at.pointer())) out.error(at, message, hint);
        }

        @Override
        public void warning(Origin at, String message, String hint) {
            if (seen.add(at.pointer())) out.warning(at, message, hint);
        }

        @Override
        public void error(Location at, String message, String hint) {
            out.error(at, message, hint);
        }
    }
}
