package dev.fleetform.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static dev.fleetform.cli.FleetRepo.edit;
import static dev.fleetform.cli.FleetRepo.sample;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Compile and plan give the same bytes in two separate processes. Within one JVM, {@code Map.of}
 * and {@code Set.of} iterate in the same order every time, and so do hash sets of enums (identity
 * hash codes): only a second process, with its own salt and hash codes, shows an output that
 * depends on them.
 */
class SeparateRunsTest {

    /**
     * The plan sample with strings that YAML 1.1 readers misread, quotes, markup and comment signs
     * in host labels, alert labels, a summary and a route matcher (as the compiler's injection test).
     */
    static final String HOSTILE;

    static {
        String f = edit(sample(), "labels: { rack: r01, zone: az2 }", """
                labels: { rack: "yes", zone: "on", row: "null", shelf: "0755", pdu: "0x1F", bay: "1_000", \
                since: "2001-12-14", tier: "1.10", "fleetform.dev/flag": "true", sci: "1e3", y: "n" }""");
        f = edit(f, "labels: { team: mining }", """
                labels: { team: "min\\"ing's <x> & y: z", note: "x: y # z", star: "* a", dash: "- b", \
                hash: "#c", bool: "yes", nul: "null", sexa: "1:20", brace: "{x}", bs: "back\\\\slash", pad: " padded " }""");
        f = edit(f, "summary: ORE miner replicas below 2", "summary: \"- Replicas: 'low' & \\\"<critical>\\\" # check\"");
        HOSTILE = edit(f, "{ match: { team: mining }, receiver: oncall-webhook }",
                "{ match: { team: \"min\\\"ing's <x> & y: z\" }, receiver: oncall-webhook }");
    }

    @TempDir
    Path tmp;

    @Test
    void compileWritesTheSameBytesInTwoProcesses() throws IOException {
        Path hostile = tmp.resolve("hostile/fleet.yaml");
        Files.createDirectories(hostile.getParent());
        Files.writeString(hostile, HOSTILE);
        Map<String, Path> fleets = Map.of("example", Cli.repoRoot().resolve("fleet-repo-example/fleet.yaml"), "hostile", hostile);
        for (var fleet : new TreeMap<>(fleets).entrySet()) {
            List<Map<String, byte[]>> runs = new ArrayList<>();
            for (int run = 1; run <= 2; run++) {
                Path out = tmp.resolve(fleet.getKey() + "-out-" + run);
                Run r = fleetform("compile", fleet.getValue().toString(), "-o", out.toString());
                assertEquals(0, r.exit, r::toString);
                runs.add(tree(out));
            }
            assertTrue(runs.get(0).size() > 20, fleet.getKey() + ": the compile wrote its files");
            assertSameFiles(fleet.getKey(), runs.get(0), runs.get(1));
        }
    }

    @Test
    void planPrintsTheSameInTwoProcesses() {
        try (FleetRepo repo = FleetRepo.init(tmp.resolve("repo"))) {
            repo.commitFleet(sample(), "base: the sample fleet");
            String head = edit(HOSTILE, "level: 5, devices", "level: 0, devices")
                    .replace("replicas: 2", "replicas: 3")
                    .replace("ore:3.4.15", "ore:3.4.16");
            repo.commitFleet(head, "hostile labels, md1 as RAID 0, more miners");
            for (String format : List.of("text", "markdown", "json")) {
                String[] args = {"plan", "--repo", repo.repoArg(), "--base", "HEAD~1", "--head", "HEAD", "--artefacts", "--format", format};
                Run first = fleetform(args);
                Run second = fleetform(args);
                assertEquals(3, first.exit, first::toString); // destructive: RAID 0
                assertTrue(first.out.contains("md1"), first::toString);
                assertEquals(first, second, format);
            }
        }
    }

    /** Exit code, stdout and stderr of one {@code fleetform} process. */
    private record Run(int exit, String out, String err) {
    }

    /** Runs the CLI in a JVM of its own, on this test's class path. */
    private Run fleetform(String... args) {
        // C1 and the serial collector: a short run, and less CPU taken from the other tests
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile(tmp, "out", ".txt");
            Path err = Files.createTempFile(tmp, "err", ".txt");
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("fleetform " + String.join(" ", args) + " did not finish");
            }
            return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Every file under {@code dir} by its relative path. */
    private static Map<String, byte[]> tree(Path dir) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(f).toString(), Files.readAllBytes(f));
            }
        }
        return files;
    }

    private static void assertSameFiles(String fleet, Map<String, byte[]> first, Map<String, byte[]> second) {
        assertEquals(first.keySet(), second.keySet(), fleet + ": the same files");
        for (var f : first.entrySet()) {
            assertArrayEquals(f.getValue(), second.get(f.getKey()), () -> fleet + ": " + f.getKey() + " differs between runs:\n"
                    + new String(f.getValue(), StandardCharsets.UTF_8) + "\n---\n" + new String(second.get(f.getKey()), StandardCharsets.UTF_8));
        }
    }
}
