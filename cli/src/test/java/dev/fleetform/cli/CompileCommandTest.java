package dev.fleetform.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static dev.fleetform.cli.FleetRepo.edit;
import static dev.fleetform.cli.FleetRepo.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code fleetform compile -o DIR} as the user's file system sees it. */
class CompileCommandTest {
    private static final String EXAMPLE = Cli.repoRoot().resolve("fleet-repo-example/fleet.yaml").toString();

    @TempDir
    Path tmp;

    private Path fleet(String text) throws IOException {
        return Files.writeString(tmp.resolve("fleet.yaml"), text);
    }

    @Test
    void aDirBelowARegularFileIsAPlainErrorNotABug() throws IOException {
        Path file = Files.writeString(tmp.resolve("build"), "a file, not a folder");
        Cli r = Cli.run("compile", fleet(sample()).toString(), "-o", file.resolve("fleet").toString());
        assertEquals(73, r.exit(), r::toString);
        assertTrue(r.err().startsWith("fleetform compile: cannot write " + file.resolve("fleet") + ": " + file + " is not a directory\n  hint: "),
                r.err());
        assertEquals("a file, not a folder", Files.readString(file));
    }

    @Test
    void filesSomeonePutIntoDirAreNamedAsTheyAreRemoved() throws IOException {
        Path out = tmp.resolve("out");
        Path f = fleet(sample());
        assertEquals(0, Cli.run("compile", f.toString(), "-o", out.toString()).exit());
        Files.writeString(out.resolve("notes.txt"), "mine");
        Files.writeString(out.resolve("ansible/site.retry"), "ansible's");
        Cli r = Cli.run("compile", f.toString(), "-o", out.toString());
        assertEquals(0, r.exit(), r::toString);
        assertEquals("fleetform compile: removed " + out.resolve("ansible/site.retry") + " (not written by fleetform compile)\n"
                + "fleetform compile: removed " + out.resolve("notes.txt") + " (not written by fleetform compile)\n", r.err());
        assertFalse(Files.exists(out.resolve("notes.txt")));
    }

    @Test
    void compilesTheExampleFleetAndSaysHowManyFiles() {
        Path out = tmp.resolve("out");
        Cli r = Cli.run("compile", EXAMPLE, "-o", out.toString());
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.out().matches("(?s).*compiled \\d+ files into " + java.util.regex.Pattern.quote(out.toString()) + "\n"), r.out());
        assertTrue(Files.isRegularFile(out.resolve("MANIFEST.sha256")));
    }

    @Test
    void anInvalidFleetWritesNothingAndExitsOne() throws IOException {
        Path file = Files.writeString(tmp.resolve("fleet.yaml"), ValidateCommandTest.TYPO);
        Path out = tmp.resolve("out");
        Cli r = Cli.run("compile", file.toString(), "-o", out.toString());
        assertEquals(1, r.exit(), r::toString);
        assertTrue(r.out().contains("error[SCHEMA-UNKNOWN-KEY]") && r.out().endsWith("nothing written: fix the errors above first\n"), r.out());
        assertFalse(Files.exists(out));
    }

    @Test
    void aDirectoryFleetformDidNotWriteIsRefusedBeforeAnyWork() throws IOException {
        Path out = Files.createDirectories(tmp.resolve("mine"));
        Files.writeString(out.resolve("notes.txt"), "keep");
        Cli r = Cli.run("compile", EXAMPLE, "-o", out.toString());
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().contains("was not written by fleetform compile"), r.err());
        assertEquals("keep", Files.readString(out.resolve("notes.txt")));
    }

    private static boolean chattr(String flag, Path p) throws Exception {
        try {
            Process proc = new ProcessBuilder("chattr", flag, p.toString()).redirectErrorStream(true).start();
            proc.getInputStream().readAllBytes();
            return proc.waitFor() == 0;
        } catch (IOException noChattr) {
            return false;
        }
    }

    /** DIR holds the new output; what could not be removed of the old one is named, and the exit says so. */
    @Test
    void aPreviousOutputThatCannotBeRemovedIsNamedAndExits73() throws Exception {
        Path out = tmp.resolve("out");
        Path f = fleet(sample());
        assertEquals(0, Cli.run("compile", f.toString(), "-o", out.toString()).exit());
        assumeTrue(chattr("+i", out.resolve("libvirt")), "chattr +i needs root and a file system that has it");
        Cli r;
        try {
            r = Cli.run("compile", fleet(edit(sample(), "vcpus: 16", "vcpus: 8")).toString(), "-o", out.toString());
        } finally {
            try (Stream<Path> s = Files.list(tmp)) {
                for (Path p : s.toList()) chattr("-i", p.resolve("libvirt"));
            }
        }
        assertEquals(73, r.exit(), r::toString);
        assertTrue(r.err().matches("fleetform compile: cannot remove \\Q" + tmp + "/.out.old-\\E\\d+-[0-9a-z]+/libvirt/\\S+: "
                + "Operation not permitted \\(\\Q" + out + "\\E holds the new output; remove this by hand\\)\n"), r.err());
        assertTrue(Files.readString(out.resolve("libvirt/gpu-01/gpu-01-vm1.xml")).contains(">8</vcpu>"));
    }

    // --- a compile killed with SIGKILL, then run again

    /** The sample fleet and {@code n} more storage hosts: a few thousand files to write. */
    private static String bigFleet(int n) {
        StringBuilder hosts = new StringBuilder();
        for (int i = 0; i < n; i++) {
            hosts.append("""
                      - name: st-%1$05d
                        address: 10.%2$d.%3$d.%4$d
                        roles: [storage]
                        labels: { rack: r%5$02d, zone: az1 }
                        hardware:
                          cpu: { cores: 16 }
                          memoryGiB: 64
                          disks:
                            - { name: a, device: /dev/sdb, sizeGiB: 4000, media: hdd }
                            - { name: b, device: /dev/sdc, sizeGiB: 4000, media: hdd }
                        storage:
                          raid:
                            - { name: md0, level: 1, devices: [a, b] }
                          filesystems:
                            - { name: data, on: md0, type: xfs, mountpoint: /srv/data }
                    """.formatted(i, 100 + i / 65536, (i / 256) % 256, i % 256, i % 40));
        }
        return edit(sample(), "access:\n", hosts + "access:\n");
    }

    private static Process startCompile(Path fleet, Path out) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "compile", fleet.toString(), "-o", out.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    private List<String> siblings(String prefix) throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix)).sorted().toList();
        }
    }

    /**
     * Starts a compile and kills it with SIGKILL once its temporary sibling of the given kind
     * exists; false when the compile finished before that could be seen.
     */
    private boolean killWhile(Path fleet, Path out, String kind) throws Exception {
        Process p = startCompile(fleet, out);
        String prefix = ".out." + kind + "-" + p.pid() + "-";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (siblings(prefix).isEmpty()) {
            if (!p.isAlive()) return false;
            assertTrue(System.nanoTime() < deadline, "no " + prefix + "* appeared");
            Thread.sleep(2);
        }
        p.destroyForcibly(); // SIGKILL
        p.waitFor();
        return true;
    }

    @Test
    void theNextCompileRemovesWhatAKilledOneLeft() throws Exception {
        Path fleet = fleet(bigFleet(3000));
        Path out = tmp.resolve("out");
        assertTrue(killWhile(fleet, out, "new"), "killed while writing into an empty DIR");
        assertEquals(0, Cli.run("compile", fleet.toString(), "-o", out.toString()).exit());
        assertTrue(killWhile(fleet, out, "new"), "killed while writing beside the previous output");
        killWhile(fleet, out, "old"); // while the previous output is removed, when the kill comes in time
        List<String> left = new ArrayList<>(siblings(".out."));
        assertTrue(left.size() >= 2, "leftovers to clean: " + left);
        Path stranger = Files.createDirectory(tmp.resolve(".out.new-backup")); // not a name compile makes

        Cli r = Cli.run("compile", fleet.toString(), "-o", out.toString());
        assertEquals(0, r.exit(), r::toString);
        assertEquals(List.of(".out.new-backup"), siblings(".out."), "every leftover of a killed compile is gone, nothing else");
        assertTrue(Files.isDirectory(stranger));
        Process check = new ProcessBuilder("sha256sum", "--check", "--strict", "--quiet", "MANIFEST.sha256")
                .directory(out.toFile()).redirectErrorStream(true).start();
        String said = new String(check.getInputStream().readAllBytes());
        assertEquals(0, check.waitFor(), "the output is whole: " + said);
        Path fresh = tmp.resolve("fresh");
        assertEquals(0, Cli.run("compile", fleet.toString(), "-o", fresh.toString()).exit());
        assertEquals(Files.readString(fresh.resolve("MANIFEST.sha256")), Files.readString(out.resolve("MANIFEST.sha256")));
    }
}
