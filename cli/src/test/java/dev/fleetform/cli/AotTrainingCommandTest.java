package dev.fleetform.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The launcher's training run does what its start-up cache is meant to cover: a compile, and a
 * drift that really reaches a host over SSH (a training whose SSH session failed would still
 * make a cache, one without the SSH client in it, and drift would quietly start slower).
 */
class AotTrainingCommandTest {
    @Test
    void compilesTheExampleAndObservesTheLoopbackHostOverSsh(@TempDir Path work) {
        Cli r = Cli.run("aot-training", Cli.repoRoot().resolve("fleet-repo-example/fleet.yaml").toString(), work.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(Files.isRegularFile(work.resolve("out/MANIFEST.sha256")), "the example was compiled");
        assertTrue(r.out().contains("Plan:"), "the host was observed and diffed:\n" + r.out());
        assertTrue(r.out().contains("\"target\" : \"host/training-01\""), "the JSON drift ran too:\n" + r.out());
        assertFalse(r.out().contains("not observed") || r.err().contains("not observed"), r.out() + r.err());
    }

    @Test
    void isHiddenFromTheHelp() {
        Cli r = Cli.run("--help");
        assertEquals(0, r.exit());
        assertFalse(r.out().contains("aot-training"), r.out());
    }
}
