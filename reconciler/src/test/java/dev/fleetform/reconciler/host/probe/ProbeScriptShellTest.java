package dev.fleetform.reconciler.host.probe;

import dev.fleetform.reconciler.host.ssh.SshSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The probe's command line as sshd runs it: handed to the login shell with {@code -c}. Whatever
 * that shell is (bash for root on Debian, dash for what useradd makes), the probe reads this
 * machine's real sysctls as sysctl(8) does, and prints the same document. (A /proc/sys file read
 * a byte at a time, as dash's read builtin reads, says end of file after its first byte.)
 */
class ProbeScriptShellTest {
    private static final List<String> KEYS = List.of("net.core.somaxconn", "net.ipv4.ip_local_port_range", "kernel.nosuchkey", "net.ipv4.route.flush");

    @Test
    void everyLoginShellReadsTheSysctlsAsSysctlDoes() throws Exception {
        ProbeScript probe = ProbeScript.of(KEYS, List.of());
        String command = SshSession.commandLine(probe.script());
        byte[] first = null;
        List<String> shells = new ArrayList<>();
        for (String shell : List.of("/bin/bash", "/bin/dash", "/bin/busybox")) {
            if (!Files.isExecutable(Path.of(shell))) continue;
            shells.add(shell);
            byte[] out = run(shell.endsWith("busybox") ? List.of(shell, "sh", "-c", command) : List.of(shell, "-c", command));
            ProbeReport r = ProbeReport.parse(out, probe.marker());
            for (String key : List.of("net.core.somaxconn", "net.ipv4.ip_local_port_range")) {
                String sysctl = new String(run(List.of("/usr/sbin/sysctl", "-n", key)), StandardCharsets.UTF_8);
                assertEquals(ProbeReport.normalise(sysctl), r.sysctl(key).value(), key + " read in the login shell " + shell);
            }
            assertEquals("sysctl: cannot stat /proc/sys/kernel/nosuchkey: No such file or directory", r.sysctl("kernel.nosuchkey").error(), shell);
            assertFalse(r.sysctl("net.ipv4.route.flush").readable(), "a write-only key, in " + shell);
            assertTrue(r.sysctl("net.ipv4.route.flush").error().startsWith("sysctl: cannot read /proc/sys/net/ipv4/route/flush: "), shell);
            if (first == null) first = out;
            else assertArrayEquals(first, out, "the same document whatever the login shell (" + shells + ")");
        }
        assertTrue(shells.contains("/bin/dash"), "Debian's /bin/sh is dash: the shell the probe is written for");
    }

    /**
     * A host whose login sets LANG=zh_CN.UTF-8 (pam_env from /etc/default/locale, on the fleets
     * this is for) would translate the tools' messages, which are parsed: the command line sets
     * the locale. The zh_CN locale is built here into a temporary LOCPATH (Debian's locales data).
     */
    @Test
    void aLoginInChineseStillGetsTheToolsMessagesInEnglish(@TempDir Path locales) throws Exception {
        assertTrue(Files.isExecutable(Path.of("/usr/bin/localedef")) && Files.isDirectory(Path.of("/usr/share/i18n/locales")),
                "localedef and its data are missing: .ci/run installs them (apt-get install locales)");
        run(List.of("/usr/bin/localedef", "-i", "zh_CN", "-f", "UTF-8", locales.resolve("zh_CN.UTF-8").toString()), Map.of());
        Map<String, String> chinese = Map.of("LANG", "zh_CN.UTF-8", "LOCPATH", locales.toString());
        String translated = new String(run(List.of("/bin/grep", "x", "/proc/sys/kernel/nosuchkey"), chinese), StandardCharsets.UTF_8);
        assertTrue(translated.contains("没有那个文件或目录"), "the login's locale translates grep's words: " + translated);

        ProbeScript probe = ProbeScript.of(List.of("kernel.nosuchkey"), List.of());
        ProbeReport r = ProbeReport.parse(run(List.of("/bin/bash", "-c", SshSession.commandLine(probe.script())), chinese), probe.marker());
        assertEquals("sysctl: cannot stat /proc/sys/kernel/nosuchkey: No such file or directory", r.sysctl("kernel.nosuchkey").error());
    }

    private static byte[] run(List<String> argv) throws IOException, InterruptedException {
        return run(argv, Map.of());
    }

    private static byte[] run(List<String> argv, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder b = new ProcessBuilder(argv).redirectErrorStream(true);
        b.environment().putAll(env);
        Process p = b.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), argv.getFirst() + " did not finish");
        return out;
    }
}
