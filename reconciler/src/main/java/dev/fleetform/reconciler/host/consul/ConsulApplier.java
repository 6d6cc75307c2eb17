package dev.fleetform.reconciler.host.consul;

import dev.fleetform.changes.ResourceChange;
import dev.fleetform.changes.ResourceKind;
import dev.fleetform.reconciler.engine.Outcome;
import dev.fleetform.reconciler.host.HostApplier;
import dev.fleetform.reconciler.host.RemoteHost;
import dev.fleetform.reconciler.host.ssh.ExecResult;
import dev.fleetform.reconciler.host.ssh.SshFailure;

import java.util.List;
import java.util.Optional;

/**
 * Puts a host's Consul service definitions in the agent's config dir ({@link RemoteHost#write}:
 * atomically, only when the bytes differ), then runs {@code consul reload} on that host when
 * {@code consul} is on its PATH. Where it is not, the definitions are written and each change says
 * so: the agent that is installed later reads them at its start.
 */
public final class ConsulApplier implements HostApplier {
    /** The exit status the reload script gives when consul is not installed. */
    static final int NOT_INSTALLED = 200;
    static final String RELOAD = "if command -v consul >/dev/null 2>&1; then consul reload 2>&1; else exit " + NOT_INSTALLED + "; fi";

    private final ConsulFiles files;

    public ConsulApplier(ConsulFiles files) {
        this.files = files;
    }

    @Override
    public List<ResourceKind> kinds() {
        return List.of(ResourceKind.CONSUL_SERVICE);
    }

    @Override
    public void apply(RemoteHost host, List<ResourceChange> changes, List<Outcome> out) throws SshFailure {
        Optional<ConsulFiles.File> f = files.on(host.name());
        if (f.isEmpty()) {
            for (ResourceChange c : changes) out.add(new Outcome.Failed(c, host.name() + " has no Consul services in git"));
            return;
        }
        try {
            // a file already as compiled is not written; the agent is reloaded anyway (a change means it may not have read it)
            host.write(f.get().path(), f.get().bytes(), ConsulFiles.OWNER, ConsulFiles.MODE);
        } catch (RemoteHost.WriteFailed e) {
            for (ResourceChange c : changes) out.add(new Outcome.Failed(c, e.getMessage()));
            return;
        }
        ExecResult r = host.session().privileged(RELOAD, null);
        String note = "";
        if (r.exit() == NOT_INSTALLED) {
            note = "consul is not installed on " + host.name() + ": the definitions are written, not reloaded";
        } else if (!r.ok()) {
            String why = "consul reload on " + host.name() + " failed: " + r.firstLine() + " (" + f.get().path() + " is written; the agent keeps its old services)";
            for (ResourceChange c : changes) out.add(new Outcome.Failed(c, why));
            return;
        }
        for (ResourceChange c : changes) out.add(new Outcome.Applied(c, note));
    }
}
