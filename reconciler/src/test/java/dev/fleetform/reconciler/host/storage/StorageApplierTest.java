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

    private static Map<String, Object> raid5() {
        return step("device", "/dev/md/md0", "members", List.of("/dev/a", "/dev/b", "/dev/c"), "spares", List.of(),
                "argv", List.of("mdadm", "--create", "/dev/md/md0", "--name=md0", "--level=5", "--raid-devices=3", "--metadata=1.2", "--chunk=512",
                        "/dev/a", "/dev/b", "/dev/c"));
    }

    @Test
    void aRecreateChecksTheArrayAndEveryMemberBeforeItStopsAnything() {
        String s = StorageApplier.recreateScript(raid5(), step("devices", List.of("/dev/a", "/dev/b"), "spares", List.of("/dev/s")));
        int stop = s.indexOf("mdadm --stop /dev/md/md0");
        assertTrue(stop > 0, s);
        for (String guard : List.of("g /dev/md/md0 any\n", "h /dev/a \"$K\"\n", "h /dev/b \"$K\"\n", "h /dev/s \"$K\"\n", "h /dev/c \"$K\"\n")) {
            assertTrue(s.indexOf(guard) > 0 && s.indexOf(guard) < stop, guard + " before the stop:\n" + s);
        }
        int create = s.lastIndexOf("mdadm --create");
        assertTrue(s.indexOf("mdadm --zero-superblock /dev/s") > stop && s.indexOf("g /dev/c blank\n") > stop && s.indexOf("g /dev/c blank\n") < create, s);
        assertTrue(s.endsWith("mdadm --create /dev/md/md0 --name=md0 --level=5 --raid-devices=3 --metadata=1.2 --chunk=512 /dev/a /dev/b /dev/c </dev/null\n"), s);
    }

    @Test
    void aRecreateOfAnArrayThatIsNotThereStopsNothing() throws Exception {
        // mdadm and wipefs are stubs that log: the guard refuses before either runs
        Path bin = Files.createTempDirectory("ff-md-bin");
        Path log = bin.resolve("log");
        for (String tool : List.of("mdadm", "wipefs")) {
            Path t = bin.resolve(tool);
            Files.writeString(t, "#!/bin/sh\necho " + tool + " \"$@\" >>" + log + "\n");
            t.toFile().setExecutable(true);
        }
        Map<String, Object> step = raid5();
        step.put("device", "/dev/md/ff-no-such-array");
        Process p = new ProcessBuilder("sh", "-c", "PATH=" + bin + ":$PATH\n" + StorageApplier.recreateScript(step, step("devices", List.of("/dev/a"))))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(3, p.waitFor(), out);
        assertEquals("/dev/md/ff-no-such-array: no such block device\n", out);
        assertTrue(Files.notExists(log), "no mdadm, no wipefs");
        Process n = new ProcessBuilder("sh", "-n", "-c", StorageApplier.recreateScript(raid5(), step("devices", List.of(HOSTILE)))).redirectErrorStream(true).start();
        assertEquals(0, n.waitFor(), new String(n.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void sparesAreAddedGuardedAndOnlyLiveSparesAreRemoved() {
        String s = StorageApplier.sparesScript("/dev/md/md0", List.of("/dev/old"), List.of("/dev/new"));
        assertTrue(s.endsWith("g /dev/new blank\nmdadm --manage /dev/md/md0 --add /dev/new </dev/null || exit 8\n"
                + "mdadm --manage /dev/md/md0 --remove /dev/old </dev/null || exit 8\n"), s);
        assertEquals(StorageApplier.GUARD, StorageApplier.sparesScript("/dev/md/md0", List.of("/dev/s"), List.of("/dev/s")), "nothing to change");
        assertTrue(StorageApplier.sparesScript("/dev/md/md0", List.of(), List.of(HOSTILE)).contains("--add " + ShellQuote.quote(HOSTILE) + " "));
    }
}
