package dev.fleetform.reconciler.loop;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How the loop runs.
 *
 * @param file     fleet.yaml's path in the repository ({@code fleet.yaml}, {@code fleet-repo-example/fleet.yaml})
 * @param jitter   each wait is the interval times a random factor in [1 - jitter, 1 + jitter], so replicas and fleets spread out
 * @param deadline a run still going after this long is abandoned at its next step
 * @param targets  address prefixes each run is limited to ({@code k8s}, {@code host/gpu-01}), as {@code apply --target}; empty for all
 * @param templates a folder beside fleet.yaml in the repository whose templates shadow the built-in ones (read at the
 *                  commit being applied, as {@code apply --templates}), or null for the built-in ones
 */
public record LoopConfig(GitRemote remote, String branch, String file, Path cacheDir, Duration interval, double jitter,
                         Duration deadline, CommitVerifier verifier, List<String> targets, String templates) {
    public LoopConfig {
        if (interval.isNegative() || interval.isZero()) throw new IllegalArgumentException("interval must be positive");
        if (jitter < 0 || jitter >= 1) throw new IllegalArgumentException("jitter must be in [0, 1)");
        targets = List.copyOf(targets);
    }

    /** The built-in templates. */
    public LoopConfig(GitRemote remote, String branch, String file, Path cacheDir, Duration interval, double jitter,
                      Duration deadline, CommitVerifier verifier, List<String> targets) {
        this(remote, branch, file, cacheDir, interval, jitter, deadline, verifier, targets, null);
    }

    /** Every family and target, the built-in templates. */
    public LoopConfig(GitRemote remote, String branch, String file, Path cacheDir, Duration interval, double jitter,
                      Duration deadline, CommitVerifier verifier) {
        this(remote, branch, file, cacheDir, interval, jitter, deadline, verifier, List.of(), null);
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
