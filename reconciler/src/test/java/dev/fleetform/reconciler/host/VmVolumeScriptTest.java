package dev.fleetform.reconciler.host;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The volume scripts VmApplier runs, run here by a real sh and qemu-img on a path with shell metacharacters in it. */
class VmVolumeScriptTest {
    @TempDir
    Path dir;

    private record Run(int exit, String out) {
    }

    private Run sh(String script) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("/bin/sh", "-c", script).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.waitFor(), out);
    }

    private long virtualSize(Path f) throws IOException, InterruptedException {
        Run r = sh("qemu-img info -U --output=json -- " + dev.fleetform.reconciler.host.ssh.ShellQuote.quote(f.toString()));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"virtual-size\": (\\d+)").matcher(r.out());
        assertTrue(m.find(), r.out());
        return Long.parseLong(m.group(1));
    }

    @Test
    void createsOnlyWhereNothingIsGrowsAndShrinksOnlyWhenAsked() throws Exception {
        Assumptions.assumeTrue(sh("command -v qemu-img").exit() == 0, "needs qemu-img (Debian: qemu-utils, installed by .ci/run)");
        Path canary = dir.resolve("canary");
        Path f = dir.resolve("vm $(touch canary) `touch canary`; x'y-0.qcow2");
        Run c = sh(VmApplier.createVolumeScript(f.toString(), 1));
        assertEquals(0, c.exit(), c.out());
        assertFalse(Files.exists(canary), "nothing in the path ran");
        assertEquals(1L << 30, virtualSize(f));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));

        byte[] before = Files.readAllBytes(f);
        Run again = sh(VmApplier.createVolumeScript(f.toString(), 2));
        assertEquals(5, again.exit(), again.out());
        assertTrue(again.out().contains("an existing volume is never overwritten"), again.out());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(f)), "byte for byte as it was");

        assertEquals(0, sh(VmApplier.resizeVolumeScript(f.toString(), 2, false)).exit());
        assertEquals(2L << 30, virtualSize(f));
        Run refused = sh(VmApplier.resizeVolumeScript(f.toString(), 1, false));
        assertFalse(refused.exit() == 0, "qemu-img refuses a shrink without --shrink");
        assertEquals(2L << 30, virtualSize(f));
        assertEquals(0, sh(VmApplier.resizeVolumeScript(f.toString(), 1, true)).exit());
        assertEquals(1L << 30, virtualSize(f));

        Run missingDir = sh(VmApplier.createVolumeScript(dir.resolve("not-mounted/v.qcow2").toString(), 1));
        assertEquals(3, missingDir.exit(), missingDir.out());
        assertTrue(missingDir.out().contains("does not exist (is its filesystem mounted?)"), missingDir.out());
    }

    @Test
    void aRemovedVmsVolumeIsDeletedOnlyWhenItIsARegularFile() throws Exception {
        Path f = dir.resolve("a b'c.qcow2");
        Files.writeString(f, "x");
        Path link = dir.resolve("link.qcow2");
        Files.createSymbolicLink(link, f);
        Run l = sh(VmApplier.removeVolumeScript(link.toString()));
        assertEquals(5, l.exit(), l.out());
        assertTrue(Files.exists(f));
        assertEquals(0, sh(VmApplier.removeVolumeScript(f.toString())).exit());
        assertFalse(Files.exists(f));
        assertEquals(0, sh(VmApplier.removeVolumeScript(f.toString())).exit(), "gone already: nothing to do");
        assertEquals(5, sh(VmApplier.removeVolumeScript(dir.toString())).exit(), "a directory is refused");
        assertTrue(List.of(dir.toFile().list()).contains("link.qcow2"));
    }
}
