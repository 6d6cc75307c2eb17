package dev.fleetform.reconciler.host;

import dev.fleetform.changes.Address;
import dev.fleetform.changes.Resource;
import dev.fleetform.compiler.model.Host;
import dev.fleetform.reconciler.host.probe.ProbeReport;
import dev.fleetform.reconciler.host.ssh.ExecResult;
import dev.fleetform.reconciler.host.ssh.ShellQuote;
import dev.fleetform.reconciler.host.ssh.SshFailure;
import dev.fleetform.reconciler.host.ssh.SshSession;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * One host during one apply: its SSH session, the probe the plan was made from, and what git
 * declares for it. Appliers write files through {@link #write}, so every file lands the same way.
 */
public record RemoteHost(Host model, SshSession session, ProbeReport probe, Map<Address, Resource> desired) {

    /** The host's name in the fleet. */
    public String name() {
        return model.name();
    }

    /** Thrown by {@link #write} when the host refuses the write; the message names the file. */
    public static final class WriteFailed extends IllegalArgumentException {
        public WriteFailed(String message) {
            super(message);
        }
    }

    /**
     * Writes {@code path} atomically (a temporary file beside it, then rename) with {@code owner}
     * ({@code root:root}) and octal {@code mode} ({@code 644}), only when its bytes, owner or mode
     * differ from what the probe read of it.
     *
     * @return whether it was written
     */
    public boolean write(String path, byte[] bytes, String owner, String mode) throws SshFailure {
        Optional<ProbeReport.FileState> now = probe.file(path);
        if (now.isPresent() && Arrays.equals(now.get().bytes(), bytes) && (owner + " " + mode).equals(now.get().ownerMode())) return false;
        String dir = path.substring(0, path.lastIndexOf('/'));
        String script = "set -e; mkdir -p " + ShellQuote.quote(dir) + "; t=$(mktemp " + ShellQuote.quote(dir + "/.fleetform.XXXXXX") + ")"
                + "; trap 'rm -f \"$t\"' EXIT; cat >\"$t\"; chown " + ShellQuote.quote(owner) + " \"$t\"; chmod " + ShellQuote.quote("0" + mode)
                + " \"$t\"; mv -f \"$t\" " + ShellQuote.quote(path) + "; trap - EXIT";
        ExecResult r = session.privileged(script, bytes);
        if (!r.ok()) throw new WriteFailed("cannot write " + path + ": " + r.firstLine());
        return true;
    }
}
