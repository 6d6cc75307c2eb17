package dev.fleetform.reconciler.loop;

import dev.fleetform.changes.Action;
import dev.fleetform.changes.Address;
import dev.fleetform.changes.ResourceChange;
import dev.fleetform.changes.ResourceKind;
import dev.fleetform.changes.Risk;
import dev.fleetform.reconciler.engine.Outcome;
import dev.fleetform.reconciler.engine.StepJournal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The apply journal across restarts: each case opens the file again, as a process killed and
 * started again does, and asks what the engine asks before a destructive step.
 */
class ApplyJournalTest {
    private static final String C1 = "1111111111111111111111111111111111111111";
    private static final String C2 = "2222222222222222222222222222222222222222";

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("cache").resolve("x.apply-journal");
    }

    private StepJournal at(String commit, long run) {
        return ApplyJournal.open(file(), Clock.systemUTC()).at(commit, run);
    }

    private static ResourceChange mkfs(String fs) {
        return new ResourceChange(Address.parse("host/lab-02/filesystem/" + fs), ResourceKind.FILESYSTEM, Action.REPLACE, Risk.DESTRUCTIVE,
                "all data on " + fs + " is lost", List.of(), Map.of("type", "ext4"), Map.of("type", "xfs"), List.of(), true);
    }

    @Test
    void aStepDoneIsNeverRepeatedAtThatCommitEvenWhenTheLiveStateAsksForItAgain() {
        ResourceChange c = mkfs("data");
        StepJournal run1 = at(C1, 1);
        assertNull(run1.begin(c, "before:ext4"));
        run1.end(c, new Outcome.Applied(c));

        String why = at(C1, 2).begin(c, "before:xfs-but-looks-signed");
        assertTrue(why != null && why.contains("at commit 1111111 was used by run 1")
                && why.contains("approve it again in a new commit"), why);
        assertNull(at(C2, 3).begin(c, "before:xfs-but-looks-signed"), "a new commit that lists the approval approves again");
        assertTrue(Files.exists(file()));
    }

    @Test
    void anInterruptedStepFoundAsItWasRunsAndOneFoundMovedIsHeldBack() {
        ResourceChange never = mkfs("never");
        ResourceChange moved = mkfs("moved");
        StepJournal killed = at(C1, 1);
        assertNull(killed.begin(never, "before:ext4"));
        assertNull(killed.begin(moved, "before:ext4"));
        // the process dies here: no end for either

        StepJournal restarted = at(C1, 2);
        assertEquals(Set.of(never.address().text(), moved.address().text()), restarted.open("host/lab-02"));
        assertNull(restarted.begin(never, "before:ext4"), "the live state is as the approval saw it: the step never ran, it runs");
        String why = restarted.begin(moved, "before:something-else");
        assertTrue(why != null && why.contains("interrupted") && why.contains("live state has changed since"), why);
        String again = at(C1, 3).begin(moved, "before:something-else");
        assertTrue(again != null && again.contains("was used by run 2"), again);
    }

    @Test
    void anInterruptedStepWhoseAddressIsFoundInSyncIsClosedAsDone() {
        ResourceChange c = mkfs("data");
        assertNull(at(C1, 1).begin(c, "before:ext4"));
        StepJournal restarted = at(C1, 2);
        assertEquals(Set.of(c.address().text()), restarted.open("host/lab-02"));
        assertEquals(Set.of(), restarted.open("host/lab-01"));
        restarted.effectLive(c.address().text());
        assertEquals(Set.of(), restarted.open("host/lab-02"));
        String why = at(C1, 3).begin(c, "before:ext4");
        assertTrue(why != null && why.contains("was used by run 2"), why);
    }

    @Test
    void aStepTheProviderRefusedBeforeWritingLeavesTheApprovalUnusedAndAFailedOneIsComparedNextTime() {
        ResourceChange refused = mkfs("refused");
        ResourceChange failed = mkfs("failed");
        StepJournal run1 = at(C1, 1);
        assertNull(run1.begin(refused, "before:ext4"));
        run1.end(refused, new Outcome.Refused(refused, "/dev/loop6 is mounted (/mnt/x): refused"));
        assertNull(run1.begin(failed, "before:ext4"));
        run1.end(failed, new Outcome.Failed(failed, "mkfs on lab-02 (exit 1)"));

        StepJournal run2 = at(C1, 2);
        assertNull(run2.begin(refused, "before:ext4"));
        assertNull(run2.begin(failed, "before:ext4"), "failed with the live state unchanged: tried again");
        run2.end(failed, new Outcome.Failed(failed, "mkfs on lab-02 (exit 1)"));
        assertTrue(at(C1, 3).begin(failed, "before:half-wiped").contains("interrupted"), "failed after writing part: held back");
    }

    @Test
    void aLineCutShortByTheKillIsDroppedAndADamagedJournalHoldsBackEveryDestructiveStep() throws Exception {
        ResourceChange c = mkfs("data");
        assertNull(at(C1, 1).begin(c, "before:ext4"));
        Files.write(file(), "{\"event\":\"done\",\"commit\":\"11".getBytes(StandardCharsets.UTF_8), java.nio.file.StandardOpenOption.APPEND);
        StepJournal restarted = at(C1, 2);
        assertEquals(Set.of(c.address().text()), restarted.open("host/lab-02"), "the torn line did not count");
        assertTrue(Files.readString(file()).endsWith("}\n"), "and is gone, so the next record starts on its own line");
        assertNull(restarted.begin(c, "before:ext4"));
        assertEquals(2, Files.readAllLines(file()).size());

        Files.writeString(file(), "not json\n", java.nio.file.StandardOpenOption.APPEND);
        String why = at(C2, 3).begin(mkfs("other"), "before:ext4");
        assertTrue(why != null && why.contains("cannot be read (line 3 is not JSON") && why.contains("destructive changes wait"), why);
    }
}
