package dev.fleetform.reconciler.loop.status;

import java.time.Instant;
import java.util.List;

/**
 * One run of the loop: fetch, verify, validate, observe, apply.
 *
 * @param finished  null while it runs
 * @param commit    the branch's commit this run fetched, or null when the fetch failed
 * @param applied   the commit whose fleet was reconciled: {@code commit}, or the last good one when {@code commit} was refused, or null
 * @param message   one line for a person: what happened and why
 * @param targets   per cluster or host, with its resources (empty in {@link LoopStatus#recentRuns()})
 * @param changes   every change found, with what became of it
 * @param blocked   the changes awaiting approval or a confirmation (also in {@code changes})
 * @param errors    what went wrong, by step
 */
public record RunStatus(long number, Trigger trigger, Instant started, Instant finished, double durationSeconds,
                        Result result, CommitInfo commit, CommitInfo applied, String message,
                        List<TargetStatus> targets, List<ChangeStatus> changes, List<ChangeStatus> blocked,
                        List<RunError> errors, List<String> warnings) {
    public RunStatus {
        targets = List.copyOf(targets);
        changes = List.copyOf(changes);
        blocked = List.copyOf(blocked);
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }

    /** The same run without the per-resource detail, for the list of recent runs. */
    public RunStatus brief() {
        List<TargetStatus> t = targets.stream().map(TargetStatus::brief).toList();
        return new RunStatus(number, trigger, started, finished, durationSeconds, result, commit, applied, message, t,
                List.of(), blocked, errors, List.of());
    }
}
