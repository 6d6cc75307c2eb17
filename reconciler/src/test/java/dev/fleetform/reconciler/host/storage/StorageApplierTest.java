package dev.fleetform.reconciler.host.storage;

import dev.fleetform.reconciler.host.ssh.ShellQuote;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The commands apply runs: the storage plan's argv, quoted, behind the guard; hostile values stay words. */
class StorageApplierTest {
    private static Map<String, Object> step(Object... kv) {
        Map<String, Object> m = new TreeMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    private static final String HOSTILE = "/dev/x'; touch /tmp/ff-pwned; '$(id)`id`";

    @Test
    void mkfsIsThePlansArgvAfterTheGuard() {
        Map<String, Object> s = step("device", "/dev/md/md0", "argv", List.of("mkfs.xfs", "-d", "su=512k,sw=3", "/dev/md/md0"));
        assertTrue(StorageApplier.mkfsScript(s, false).endsWith("g /dev/md/md0 blank\nmkfs.xfs -d su=512k,sw=3 /dev/md/md0 </dev/null\n"));
        assertTrue(StorageApplier.mkfsScript(s, true).endsWith("g /dev/md/md0 any\nwipefs -a /dev/md/md0 >/dev/null || exit 8\nmkfs.xfs -d su=512k,sw=3 /dev/md/md0 </dev/null\n"));
    }

    @Test
    void mdadmCreateGuardsEveryMemberAndSpare() {
        Map<String, Object> s = step("members", List.of("/dev/a", "/dev/b"), "spares", List.of("/dev/c"),
                "argv", List.of("mdadm", "--create", "/dev/md/md0", "--name=md0", "--level=1", "--raid-devices=2", "--metadata=1.2", "/dev/a", "/dev/b",
                        "--spare-devices=1", "/dev/c"));
        assertTrue(StorageApplier.raidScript(s).endsWith("g /dev/a blank\ng /dev/b blank\ng /dev/c blank\n"
                + "mdadm --create /dev/md/md0 --name=md0 --level=1 --raid-devices=2 --metadata=1.2 /dev/a /dev/b --spare-devices=1 /dev/c </dev/null\n"));
    }

    @Test
    void hostileValuesReachTheShellAsOneWordEach() throws IOException, InterruptedException {
        Map<String, Object> s = step("device", HOSTILE, "argv", List.of("echo", HOSTILE), "mountpoint", HOSTILE);
        String mkfs = StorageApplier.mkfsScript(s, false);
        assertTrue(mkfs.contains("g " + ShellQuote.quote(HOSTILE) + " blank\n"), mkfs);
        // run for real: the guard refuses the (missing) device, and nothing the value holds is executed
        Path pwned = Path.of("/tmp/ff-pwned");
        Files.deleteIfExists(pwned);
        Process p = new ProcessBuilder("sh", "-c", mkfs).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(3, p.waitFor());
        assertEquals(HOSTILE + ": no such block device\n", out);
        assertTrue(Files.notExists(pwned));
        Process n = new ProcessBuilder("sh", "-n", "-c", StorageApplier.mountScript(s, HOSTILE)).redirectErrorStream(true).start();
        assertEquals(0, n.waitFor(), new String(n.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void theFstabLineIsThePlansWithTheUuidAndAnEscapedMountpoint() {
        Map<String, Object> s = step("mountpoint", "/srv/data", "fstab", "UUID=${fs:data} /srv/data xfs noatime 0 0");
        assertEquals("UUID=0a-1b /srv/data xfs noatime 0 0", StorageApplier.fstabLine(s, "data", "0a-1b"));
        Map<String, Object> spaced = step("mountpoint", "/srv/my data", "fstab", "UUID=${fs:data} /srv/my data xfs defaults 0 0");
        assertEquals("UUID=0a-1b /srv/my\\040data xfs defaults 0 0", StorageApplier.fstabLine(spaced, "data", "0a-1b"));
        assertThrows(IllegalArgumentException.class, () -> StorageApplier.fstabLine(step("mountpoint", "/m", "fstab", "/dev/x /m xfs defaults 0 0"), "data", "u"));
    }

    @Test
    void aDefragUnitQuotesFleetValuesAsSystemdReadsThem() {
        assertEquals("\"/srv/a \\\"b\\\" %%h $$X \\\\\"", DefragTimer.quote("/srv/a \"b\" %h $X \\"));
        assertThrows(IllegalArgumentException.class, () -> DefragTimer.quote("/srv/a\nExecStartPost=/bin/sh"));
        DefragTimer t = new DefragTimer("data", "/srv/my data", "weekly", List.of("xfs_fsr", "-t", "7200", "/srv/my data"));
        String service = new String(t.service(), StandardCharsets.UTF_8);
        assertTrue(service.contains("\nExecStart=\"xfs_fsr\" \"-t\" \"7200\" \"/srv/my data\"\n"), service);
        assertTrue(service.contains("\nRequiresMountsFor=\"/srv/my data\"\n"), service);
        assertEquals("systemctl disable --now fleetform-defrag-data.timer >/dev/null 2>&1; rm -f /etc/systemd/system/fleetform-defrag-data.timer "
                + "/etc/systemd/system/fleetform-defrag-data.service && systemctl daemon-reload", DefragTimer.removeScript("data", true));
    }
}
