package dev.fleetform.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.shell.ProcessShellFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The launcher's training run for its start-up cache (JEP 483's AOT cache: the classes a run
 * loads, parsed and linked, with the lambdas it spins): what the commonest runs do, in one JVM.
 * It compiles the example fleet, then checks a fleet of one host for drift over a real SSH
 * session to an SSH server inside this process on loopback, so that drift and apply start with
 * the SSH client, the probe and the differ already linked (measured on 50 lab hosts: about 0.1 s
 * of a 1.8 s drift). The drift is read only: the probe runs on this machine as this user, reads
 * and prints, and nothing is applied. Not for people: hidden from the help.
 */
@Command(name = "aot-training", hidden = true,
        description = "the launcher's training run for its start-up cache: compiles the example fleet and checks a loopback host for drift")
final class AotTrainingCommand implements Callable<Integer> {
    @ParentCommand
    FleetformCommand top;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FLEET", description = "the example fleet.yaml to compile")
    Path example;

    @Parameters(index = "1", paramLabel = "DIR", description = "an empty scratch directory")
    Path work;

    @Override
    public Integer call() throws IOException, GeneralSecurityException {
        run("compile", example.toString(), "-o", work.resolve("out").toString());
        Path identity = work.resolve("id_ed25519");
        KeyPair client = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        try (OutputStream out = Files.newOutputStream(identity)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(client, "aot-training", null, out);
        }
        KeyPair host = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(host));
        server.setPublickeyAuthenticator((user, key, session) -> KeyUtils.compareKeys(key, client.getPublic()));
        // as sshd runs a command: the login shell's sh -c (MINA's own factory splits it at spaces)
        server.setCommandFactory((channel, command) -> new ProcessShellFactory(command, "/bin/sh", "-c", command).createShell(channel));
        server.start();
        try {
            Path fleet = work.resolve("fleet");
            Files.createDirectories(fleet);
            Files.writeString(fleet.resolve("known_hosts"), "[127.0.0.1]:" + server.getPort() + " " + PublicKeyEntry.toString(host.getPublic()) + "\n");
            Files.writeString(fleet.resolve("fleet.yaml"), fleetYaml(server.getPort(), identity));
            String file = fleet.resolve("fleet.yaml").toString();
            run("drift", file, "--target", "host");
            run("drift", file, "--format", "json");
        } finally {
            server.stop(true);
        }
        return 0;
    }

    /** A fresh command line per run, as a new process would parse it, printing where this one does; its exit code is not the training's. */
    private void run(String... args) {
        CommandLine cl = FleetformCommand.commandLine(top.workers());
        cl.setOut(spec.commandLine().getOut());
        cl.setErr(spec.commandLine().getErr());
        cl.execute(args);
    }

    /** The training fleet, as JSON (which is YAML): one host on loopback, a baseline for the probe to read. */
    private static String fleetYaml(int port, Path identity) throws IOException {
        Map<String, Object> ssh = new LinkedHashMap<>();
        ssh.put("user", "fleetform");
        ssh.put("port", port);
        ssh.put("identityFile", identity.toAbsolutePath().toString());
        ssh.put("knownHosts", "known_hosts");
        Map<String, Object> fleet = new LinkedHashMap<>();
        fleet.put("apiVersion", "fleetform.dev/v1");
        fleet.put("kind", "Fleet");
        fleet.put("metadata", Map.of("name", "aot-training", "owners", List.of("fleetform@localhost")));
        fleet.put("defaults", Map.of("ssh", ssh, "baseline", Map.of(
                "sysctl", Map.of("net.core.somaxconn", "4096"),
                "limits", Map.of("nofile", 1048576))));
        fleet.put("hosts", List.of(Map.of("name", "training-01", "address", "127.0.0.1")));
        return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(fleet);
    }
}
