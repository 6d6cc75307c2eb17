package dev.fleetform.reconciler.loop;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How the loop runs.
 *
 * @param file     fleet.yaml's path in the repository ({@code fleet.yaml}, {@code fleet-repo-example/fleet.yaml})
 * @param jitter   each wait is the interval times a random factor in [1 - jitter, 1 + jitter], so replicas and fleets spread out
 * @param deadline a run still going after this long is abandoned at its next step
 */
public record LoopConfig(GitRemote remote, String branch, String file, Path cacheDir, Duration interval, double jitter,
                         Duration deadline, CommitVerifier verifier) {
    public LoopConfig {
        if (interval.isNegative() || interval.isZero()) throw new IllegalArgumentException("interval must be positive");
        if (jitter < 0 || jitter >= 1) throw new IllegalArgumentException("jitter must be in [0, 1)");
    }

    /** The directory of fleet.yaml in the repository, "" for the top. */
    String dir() {
        int slash = file.lastIndexOf('/');
        return slash < 0 ? "" : file.substring(0, slash);
    }

    String name() {
        return file.substring(file.lastIndexOf('/') + 1);
    }
}
