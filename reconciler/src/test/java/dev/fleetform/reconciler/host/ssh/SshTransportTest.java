package dev.fleetform.reconciler.host.ssh;

import dev.fleetform.reconciler.host.lab.Lab;
import dev.fleetform.reconciler.host.lab.LabExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The transport against real sshd in lab hosts: each failure a distinct kind, nothing injected. */
@ExtendWith(LabExtension.class)
class SshTransportTest {
    private static final SshOptions FAST = SshOptions.defaults().withConnectTimeout(Duration.ofSeconds(5)).withRetries(1, Duration.ofMillis(100));
    private final SshClient client = new SshClient(FAST);

    private static SshEndpoint endpoint(Lab lab, Lab.Host h, String knownHosts) {
        return new SshEndpoint(h.name(), h.address(), 22, "root", lab.identityFile(), knownHosts, null);
    }

    private static String known(Lab lab) throws IOException {
        return Files.readString(lab.knownHosts());
    }

    @Test
    void runsCommandsWithStdinAndExitStatus(Lab lab) throws Exception {
        try (SshSession s = client.open(endpoint(lab, lab.host(1), known(lab)))) {
            assertEquals("lab-01\n", s.exec("hostname", null).out());
            byte[] data = "a\u0000b\nc'\"$".getBytes(StandardCharsets.UTF_8);
            assertArrayEquals(data, s.exec("cat", data).stdout());
            ExecResult r = s.privileged("echo oops >&2; exit 3", null);
            assertEquals(3, r.exit());
            assertEquals("oops", r.firstLine());
        }
    }

    @Test
    void hostileValuesReachTheHostAsDataNeverAsCommands(Lab lab) throws Exception {
        String marker = "/tmp/pwned-" + UUID.randomUUID();
        List<String> hostile = List.of("$(touch " + marker + ")", "`touch " + marker + "`", "x; touch " + marker,
                "x' ; touch " + marker + " ; '", "x\"; touch " + marker + "; \"", "x\ntouch " + marker, "x && rm -rf /srv/nothing",
                "-n", "*", "~root", "a|touch " + marker, "$HOME", "x > " + marker);
        try (SshSession s = client.open(endpoint(lab, lab.host(1), known(lab)))) {
            String dir = "/root/hostile-" + UUID.randomUUID();
            assertEquals(0, s.exec(ShellQuote.command("mkdir", dir), null).exit());
            for (String h : hostile) {
                assertEquals(h, s.exec(ShellQuote.command("printf", "%s", h), null).out(), "echoed back as written");
                String name = h.replace('/', '_');
                assertEquals(0, s.privileged(ShellQuote.command("touch", "--", dir + "/" + name), null).exit());
                assertEquals(name + "\n", s.exec(ShellQuote.command("ls", "-A", "--", dir + "/" + name) + " | sed 's|.*/||'", null).out()
                        .replace(dir + "/", ""), "one file, named exactly so");
            }
            assertFalse(Files.exists(Path.of(marker)), "nothing injected on the machine's shared /tmp");
            assertEquals(1, lab.inHost(lab.host(1), "test -e " + ShellQuote.quote(marker)).exit(), "nor in the host");
            s.exec(ShellQuote.command("rm", "-rf", "--", dir), null);
        }
    }

    @Test
    void throughTheOpensshBastion(Lab lab) throws Exception {
        Lab.Host bastion = lab.host(1);
        Lab.Host target = lab.host(2);
        // the host pinned by its own key, the bastion checked against known_hosts
        SshEndpoint e = new SshEndpoint(target.name(), target.address(), 22, "root", lab.identityFile(), target.address() + " " + target.hostKey() + "\n",
                new SshEndpoint.Jump("lab-jump", bastion.address(), 22, "root", known(lab)));
        try (SshSession s = client.open(e)) {
            assertEquals("lab-02\n", s.exec("hostname", null).out());
        }
    }

    @Test
    void anUnknownKeyAndAChangedKeyAreDistinct(Lab lab) {
        Lab.Host one = lab.host(1);
        SshFailure unknown = assertThrows(SshFailure.class,
                () -> client.open(endpoint(lab, one, lab.host(2).address() + " " + lab.host(2).hostKey() + "\n")));
        assertEquals(SshFailure.Kind.HOST_KEY_UNKNOWN, unknown.kind(), unknown.getMessage());
        assertTrue(unknown.getMessage().contains("lab-01") && unknown.getMessage().contains("unknown"), unknown.getMessage());
        assertTrue(unknown.hint().contains("ssh-keyscan"), unknown.hint());

        SshFailure changed = assertThrows(SshFailure.class,
                () -> client.open(endpoint(lab, one, one.address() + " " + lab.host(2).hostKey() + "\n")));
        assertEquals(SshFailure.Kind.HOST_KEY_CHANGED, changed.kind());
        assertTrue(changed.getMessage().contains("changed"), changed.getMessage());
    }

    @Test
    void aKeyTheHostDoesNotAcceptIsAnAuthenticationFailure(Lab lab, @TempDir Path tmp) throws Exception {
        Path key = tmp.resolve("other_ed25519");
        Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString()).inheritIO().start();
        assertEquals(0, p.waitFor());
        Lab.Host one = lab.host(1);
        SshFailure f = assertThrows(SshFailure.class,
                () -> client.open(new SshEndpoint(one.name(), one.address(), 22, "root", key, known(lab), null)));
        assertEquals(SshFailure.Kind.AUTH_FAILED, f.kind());
        assertTrue(f.getMessage().contains("authentication failed on lab-01"), f.getMessage());
    }

    @Test
    void aPortNobodyListensOnIsUnreachable(Lab lab) throws Exception {
        Lab.Host one = lab.host(1);
        SshFailure f = assertThrows(SshFailure.class,
                () -> client.open(new SshEndpoint(one.name(), one.address(), 2222, "root", lab.identityFile(), known(lab), null)));
        assertEquals(SshFailure.Kind.UNREACHABLE, f.kind());
        assertTrue(f.getMessage().startsWith("cannot reach lab-01 (root@" + one.address() + ":2222)"), f.getMessage());
    }

    @Test
    void aHostThatPrintsWithoutEndIsNotReadToTheEnd(Lab lab) throws Exception {
        try (SshSession s = client.open(endpoint(lab, lab.host(1), known(lab)))) {
            SshFailure f = assertThrows(SshFailure.class, () -> s.exec("cat /dev/zero", null));
            assertEquals(SshFailure.Kind.PROTOCOL, f.kind());
            assertTrue(f.getMessage().startsWith("lab-01 printed more than 8 MiB for one command"), f.getMessage());
        }
    }

    @Test
    void aCommandPastItsDeadlineIsEndedAndSaysSo(Lab lab) throws Exception {
        try (SshSession s = client.open(endpoint(lab, lab.host(1), known(lab)))) {
            SshFailure f = assertThrows(SshFailure.class, () -> s.exec("sleep 30", null, Duration.ofSeconds(1)));
            assertEquals(SshFailure.Kind.TIMEOUT, f.kind());
            assertTrue(f.getMessage().contains("within 1 s"), f.getMessage());
        }
    }
}
