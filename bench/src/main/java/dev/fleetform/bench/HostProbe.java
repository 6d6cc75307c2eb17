package dev.fleetform.bench;

import dev.fleetform.compiler.Validation;
import dev.fleetform.compiler.Validator;
import dev.fleetform.compiler.emit.EmitContext;
import dev.fleetform.compiler.emit.Templates;
import dev.fleetform.compiler.load.FileSystemSource;
import dev.fleetform.compiler.work.Workers;
import dev.fleetform.reconciler.engine.Target;
import dev.fleetform.reconciler.host.HostProvider;
import dev.fleetform.reconciler.host.ssh.SshOptions;
import dev.fleetform.reconciler.host.ssh.SshSession;

import java.nio.file.Path;

/**
 * Prints the command line Fleetform's drift check sends to one host of a fleet (its probe, run in
 * POSIX sh), for bench/hosts.sh to send through OpenSSH beside Fleetform: the same bytes, the same
 * work on the host. {@code HostProbe FLEET.yaml HOST}
 */
public final class HostProbe {
    private HostProbe() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: HostProbe FLEET.yaml HOST");
            System.exit(64);
        }
        Path fleet = Path.of(args[0]).toAbsolutePath();
        Validation v = new Validator(Workers.callerOnly()).validateFile(fleet);
        if (!v.valid()) {
            System.err.println(fleet + " is not valid: " + v.diagnostics());
            System.exit(1);
        }
        HostProvider hosts = new HostProvider(v, new EmitContext(Templates.builtIn()), new FileSystemSource(fleet.getParent()), SshOptions.defaults());
        System.out.print(SshSession.commandLine(hosts.probeScript(new Target("host/" + args[1])).script()));
    }
}
