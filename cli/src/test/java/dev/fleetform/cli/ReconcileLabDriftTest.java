package dev.fleetform.cli;

import dev.fleetform.reconciler.host.lab.Lab;
import dev.fleetform.reconciler.host.lab.LabExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Drift made on a lab host between two runs of the loop (`fleetform reconcile` following a git
 * repository, the same cache) is corrected by the next run, and the run after is in sync: what an
 * on-call engineer's hand edit on a host meets.
 */
@ExtendWith(LabExtension.class)
class ReconcileLabDriftTest {
    @TempDir
    Path dir;

    @Test
    void aHandEditOnAHostBetweenRunsIsCorrectedByTheNextRun(Lab lab) throws Exception {
        Path repo = dir.resolve("fleet");
        LabRepos.ofLab(lab, repo);
        Lab.Host two = lab.host(2);
        lab.inHost(two, Lab.NO_BASELINE_FILES);
        String[] once = {"reconcile", "--once", "--target", "host/" + two.name(), "--repo", repo.toString(),
                "--cache-dir", dir.resolve("cache").toString()};

        Cli first = Cli.run(once);
        assertEquals(0, first.exit(), first.out() + first.err());
        assertEquals("4096", lab.inHost(two, "sysctl -n net.core.somaxconn").out().strip());

        // between runs, by hand: a sysctl changed and Fleetform's limits file edited
        assertEquals(0, lab.inHost(two, "sysctl -q -w net.core.somaxconn=128; sed -i 's/^\\(root *hard *nofile *\\).*/\\11024/' "
                + "/etc/security/limits.d/60-fleetform.conf").exit());
        Cli next = Cli.run(once);
        assertEquals(0, next.exit(), next.out() + next.err());
        assertTrue(next.out().startsWith("success: commit "), next.out());
        assertEquals("4096", lab.inHost(two, "sysctl -n net.core.somaxconn").out().strip(), "the sysctl is git's again");
        String limits = lab.inHost(two, "cat /etc/security/limits.d/60-fleetform.conf").out();
        assertTrue(limits.contains("root    hard    nofile    1048576\n"), limits);
        assertFalse(limits.contains("1024\n"), limits);

        Cli drift = Cli.run("drift", repo.resolve("fleet.yaml").toString(), "--target", "host/" + two.name());
        assertEquals(0, drift.exit(), "in sync after the run: " + drift.out() + drift.err());
    }
}
