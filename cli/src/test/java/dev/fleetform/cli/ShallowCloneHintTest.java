package dev.fleetform.cli;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.fleetform.cli.FleetRepo.edit;
import static dev.fleetform.cli.FleetRepo.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The clone CI makes of a pull request ({@code git clone --depth 1 --branch BRANCH}, which is also
 * single-branch) has no {@code origin/main}, and {@code git fetch origin main} does not make one.
 * plan's hint must be a command that does: run it exactly as printed, and plan then works.
 */
class ShallowCloneHintTest {
    private static final String HINT = "  hint: ";
    private static final String COMMAND = "fetch the base first: ";

    @TempDir
    Path tmp;

    /** "" plans against the default base (the merge base with origin/main); the others name it. */
    @ParameterizedTest
    @ValueSource(strings = {"", "origin/main"})
    void theHintedFetchMakesTheNextPlanWork(String base) throws Exception {
        Path origin = tmp.resolve("origin");
        try (FleetRepo repo = FleetRepo.init(origin)) {
            repo.commitFleet(sample(), "base: the sample fleet");
            String forkPoint = edit(sample(), "timezone: UTC", "timezone: Etc/UTC");
            repo.commitFleet(forkPoint, "main before the branch");
            repo.checkoutNewBranch("more-miners");
            repo.commitFleet(edit(forkPoint, "replicas: 2", "replicas: 3"), "more miners");
            repo.checkout("main");
            repo.commitFleet(edit(forkPoint, "timezone: Etc/UTC", "timezone: Europe/Berlin"), "main moves on");
        }
        Path clone = tmp.resolve("clone");
        git(tmp, "clone", "--quiet", "--depth", "1", "--branch", "more-miners", origin.toUri().toString(), clone.toString());
        assertTrue(Files.exists(clone.resolve(".git/shallow")), "the clone is shallow");

        List<String> args = new ArrayList<>(List.of("plan", "--repo", clone.toString(), "--format", "json"));
        if (!base.isEmpty()) args.addAll(List.of("--base", base));
        Cli first = Cli.run(args.toArray(String[]::new));
        assertEquals(4, first.exit(), first::toString);
        String hint = first.err().lines().filter(l -> l.startsWith(HINT)).findFirst().orElseThrow(() -> new AssertionError(first));
        assertTrue(hint.contains(COMMAND), hint);
        String command = hint.substring(hint.indexOf(COMMAND) + COMMAND.length());
        List<String> argv = Arrays.asList(command.split(" "));
        assertEquals("git", argv.get(0), command);
        git(clone, argv.subList(1, argv.size()).toArray(String[]::new));

        Cli second = Cli.run(args.toArray(String[]::new));
        assertEquals(2, second.exit(), second::toString);
        assertTrue(second.out().contains("ore-miner replicas 2→3"), second::toString);
        // by default the branch's own change only, against where it left main: not main's later one
        assertEquals(!base.isEmpty(), second.out().contains("Europe/Berlin"), second::toString);
        assertEquals("", second.err());
    }

    /** Runs the real git in {@code dir}; fails with its output when it fails. */
    private static void git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("git"));
        cmd.addAll(Arrays.asList(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "git timed out: " + cmd);
        assertEquals(0, p.exitValue(), cmd + "\n" + out);
    }
}
