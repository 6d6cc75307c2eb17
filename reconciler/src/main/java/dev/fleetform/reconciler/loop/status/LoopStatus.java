package dev.fleetform.reconciler.loop.status;

import java.time.Instant;
import java.util.List;

/**
 * What {@code /status} shows (and the status page renders): where the loop reads git, the commit
 * it last applied, its last run in full and the runs and commits before it in brief. Immutable;
 * the loop publishes a new one after each step.
 *
 * @param lastApplied   the last good commit the loop applied, or null before the first
 * @param lastRun       the last run that finished (or the one running), or null before the first
 * @param recentRuns    newest first, at most {@link #KEPT}; each without its resources
 * @param recentCommits the commits seen on the branch, newest first, each with why it was or was not applied
 */
public record LoopStatus(String formatVersion, Source source, Instant startedAt, boolean ready, boolean running,
                         CommitInfo lastApplied, RunStatus lastRun, List<RunStatus> recentRuns, List<CommitInfo> recentCommits) {
    public static final String FORMAT_VERSION = "1";
    public static final int KEPT = 20;

    public LoopStatus {
        recentRuns = List.copyOf(recentRuns);
        recentCommits = List.copyOf(recentCommits);
    }

    /** The repository (its URL without credentials), the branch and fleet.yaml's path in it. */
    public record Source(String repository, String branch, String file) {
    }
}
