package dev.fleetform.reconciler.loop;

import dev.fleetform.compiler.fault.FleetformException;
import dev.fleetform.compiler.work.Workers;
import dev.fleetform.reconciler.api.Fleetform;
import dev.fleetform.reconciler.api.ReconcileResult;
import dev.fleetform.reconciler.engine.Providers;
import dev.fleetform.reconciler.git.GitFleetSource;
import dev.fleetform.reconciler.loop.status.ChangeStatus;
import dev.fleetform.reconciler.loop.status.CommitInfo;
import dev.fleetform.reconciler.loop.status.LoopStatus;
import dev.fleetform.reconciler.loop.status.Result;
import dev.fleetform.reconciler.loop.status.RunDetail;
import dev.fleetform.reconciler.loop.status.RunError;
import dev.fleetform.reconciler.loop.status.RunStatus;
import dev.fleetform.reconciler.loop.status.Trigger;
import dev.fleetform.reconciler.loop.status.Verdict;
import org.eclipse.jgit.revwalk.RevCommit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The scheduled reconciler: every interval (with jitter), or at once when {@link #trigger} is
 * called, fetch the branch, check the tip's signature, validate it, observe and apply through the
 * facade. A commit that is invalid or untrusted is not applied; the last good one is reconciled
 * instead and the run says why. Runs never overlap: a trigger during a run makes one more run
 * after it. {@link #stop} lets the current step finish, then ends the loop.
 */
public final class ReconcileLoop implements AutoCloseable {
    private final LoopConfig config;
    private final Providers providers;
    private final Workers workers;
    private final LoopMetrics metrics;
    private final Consumer<String> log;
    private final Clock clock;
    private final GitMirror mirror;
    private final ApplyJournal journal;
    private final Instant startedAt;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final Object runLock = new Object(); // one run at a time, whoever asks
    private boolean triggered;
    private volatile boolean stopping;
    private volatile BooleanSupplier mayAct = () -> true; // --leader-elect: whether this replica holds the lease
    private boolean standbyLogged;

    private volatile LoopStatus status;
    private final List<RunStatus> runs = new ArrayList<>();            // newest first
    private final Map<String, CommitInfo> commits = new LinkedHashMap<>(); // by sha, insertion = newest last
    private CommitInfo lastApplied;
    private long number;

    public ReconcileLoop(LoopConfig config, Providers providers, Workers workers, LoopMetrics metrics, Consumer<String> log, Clock clock)
            throws GitFailure {
        this.config = config;
        this.providers = providers;
        this.workers = workers;
        this.metrics = metrics;
        this.log = log;
        this.clock = clock;
        this.startedAt = clock.instant();
        this.mirror = GitMirror.open(config.remote(), config.branch(), config.cacheDir());
        this.journal = ApplyJournal.open(config.cacheDir(), config.remote().url(), clock);
        RevCommit kept = mirror.lastGood();
        if (kept != null) lastApplied = info(kept, Verdict.APPLIED, "applied before this process started", null);
        publish(null);
    }

    public LoopStatus status() {
        return status;
    }

    public LoopMetrics metrics() {
        return metrics;
    }

    /**
     * Runs only while {@code leading} says so (a {@link LeaderLease}): a standby replica waits, and a
     * run in progress when it turns false stops at its next step. Call {@link #trigger} when it
     * turns true, so the new leader runs at once.
     */
    public void actOnlyWhen(BooleanSupplier leading) {
        this.mayAct = leading;
    }

    /** Whether this replica is waiting for the leader lease rather than reconciling. */
    public boolean standby() {
        return !mayAct.getAsBoolean();
    }

    /** Runs until {@link #stop}: one run now, then one per interval or trigger (a standby replica skips them). */
    public void runForever() {
        Trigger next = Trigger.STARTUP;
        while (!stopping) {
            if (mayAct.getAsBoolean()) {
                standbyLogged = false;
                runOnce(next);
            } else if (!standbyLogged) {
                standbyLogged = true;
                log.accept("fleetform reconcile: standby, not the leader: no run");
            }
            next = waitForNext();
        }
        log.accept("fleetform reconcile: stopped");
    }

    /** Asks for a run now (a webhook): it starts when the current one, if any, has finished. */
    public void trigger() {
        lock.lock();
        try {
            triggered = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The current run stops at its next step; {@link #runForever} then returns. */
    public void stop() {
        stopping = true;
        trigger();
    }

    public boolean stopping() {
        return stopping;
    }

    private Trigger waitForNext() {
        long waitNanos = jittered().toNanos();
        lock.lock();
        try {
            while (!triggered && !stopping && waitNanos > 0) {
                waitNanos = wake.awaitNanos(waitNanos);
            }
            boolean hook = triggered;
            triggered = false;
            return hook ? Trigger.WEBHOOK : Trigger.INTERVAL;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
            return Trigger.INTERVAL;
        } finally {
            lock.unlock();
        }
    }

    Duration jittered() {
        double f = 1 + (config.jitter() == 0 ? 0 : ThreadLocalRandom.current().nextDouble(-config.jitter(), config.jitter()));
        return Duration.ofNanos((long) (config.interval().toNanos() * f));
    }

    /** One run: fetch, verify, validate, observe, apply. Never throws for a fault of git, the fleet or a target. */
    public RunStatus runOnce(Trigger trigger) {
        synchronized (runLock) {
            lock.lock();
            try {
                triggered = false; // this run serves every trigger made before it started
            } finally {
                lock.unlock();
            }
            Run run = new Run(++number, trigger, clock.instant());
            publish(run.running());
            RunStatus done;
            try {
                done = steps(run);
            } catch (RuntimeException e) {
                // a bug or an unexpected fault: the run fails, the loop goes on
                done = run.finish(Result.FAILED, "run failed: " + e, RunDetail.NONE,
                        List.of(RunError.of(RunError.Step.APPLY, String.valueOf(e), "a Fleetform bug: please report it")));
            }
            runs.addFirst(done);
            while (runs.size() > LoopStatus.KEPT) runs.removeLast();
            metrics.record(done);
            publish(null);
            log.accept("fleetform reconcile: run " + done.number() + " (" + trigger.jsonName() + "): " + done.result().jsonName()
                    + ": " + done.message());
            return done;
        }
    }

    private RunStatus steps(Run run) {
        RevCommit tip;
        try {
            tip = mirror.fetch();
        } catch (GitFailure e) {
            return run.finish(Result.UNREACHABLE, e.getMessage() + "; nothing reconciled", RunDetail.NONE,
                    List.of(RunError.of(RunError.Step.FETCH, e.getMessage(), e.hint())));
        }
        if (run.overdue()) return run.abandon("after fetching " + tip.abbreviate(7).name(), RunDetail.NONE);

        CommitVerifier.Verification trust = config.verifier().verify(tip);
        CommitInfo seen = info(tip, Verdict.PENDING, "", trust.signer());
        run.commit = seen;
        List<RunError> refusals = new ArrayList<>();
        if (!trust.trusted()) {
            seen = remember(seen.withVerdict(Verdict.UNTRUSTED, trust.why()));
            run.commit = seen;
            refusals.add(new RunError(RunError.Step.VERIFY, null, "commit " + seen.shortSha() + " refused: " + trust.why(),
                    "sign it with a key in --trusted-keys, or push a signed commit on top", null, null));
            return lastGood(run, "commit " + seen.shortSha() + " is not trusted (" + trust.why() + ")", refusals);
        }
        if (run.overdue()) return run.abandon("after verifying " + seen.shortSha(), RunDetail.NONE);

        ReconcileResult result;
        try {
            result = reconcile(tip, run);
        } catch (FleetformException e) {
            return fault(run, seen, e, List.of(), "");
        }
        switch (result) {
            case ReconcileResult.Invalid invalid -> {
                List<RunError> errors = RunDetail.ofDiagnostics(RunError.Step.VALIDATE, invalid.validation().diagnostics());
                String first = errors.isEmpty() ? "invalid" : errors.getFirst().file() + ": " + errors.getFirst().message();
                run.commit = remember(seen.withVerdict(Verdict.INVALID, errors.size() + " error(s); first: " + first));
                return lastGood(run, "commit " + seen.shortSha() + " is invalid (" + errors.size() + " error(s), first " + first + ")", errors);
            }
            case ReconcileResult.ApprovalsInvalid invalid -> {
                List<RunError> errors = RunDetail.ofDiagnostics(RunError.Step.VALIDATE, invalid.problems());
                run.commit = remember(seen.withVerdict(Verdict.INVALID, "approvals.yaml is invalid"));
                return lastGood(run, "commit " + seen.shortSha() + " has an invalid approvals.yaml", errors);
            }
            case ReconcileResult.Stopped stopped -> {
                // valid, but nothing was applied: not the last good commit yet
                run.commit = remember(seen);
                return run.abandon("after observing commit " + seen.shortSha(),
                        stopped.drift() == null ? RunDetail.NONE : RunDetail.ofDrift(stopped.drift()));
            }
            default -> {
                run.commit = remember(seen.withVerdict(Verdict.APPLIED, ""));
                markGood(tip, run.commit);
                return finished(run, result, run.commit, List.of(), null);
            }
        }
    }

    /** The tip was refused: reconcile the last good commit instead, so drift is still corrected. */
    private RunStatus lastGood(Run run, String why, List<RunError> refusals) {
        if (lastApplied == null) {
            return run.finish(Result.REJECTED, why + "; no earlier commit was applied, nothing reconciled", RunDetail.NONE, refusals);
        }
        if (run.overdue()) return run.abandon(why, RunDetail.NONE);
        RevCommit kept;
        try {
            kept = mirror.lastGood();
        } catch (GitFailure e) {
            List<RunError> errors = new ArrayList<>(refusals);
            errors.add(RunError.of(RunError.Step.FETCH, e.getMessage(), e.hint()));
            return run.finish(Result.REJECTED, why + "; " + e.getMessage(), RunDetail.NONE, errors);
        }
        run.applied = lastApplied;
        try {
            return finished(run, reconcile(kept, run), lastApplied, refusals, why + "; kept " + lastApplied.shortSha());
        } catch (FleetformException e) {
            return fault(run, lastApplied, e, refusals, why + "; last good ");
        }
    }

    private ReconcileResult reconcile(RevCommit commit, Run run) {
        GitFleetSource source = new GitFleetSource(mirror.repository(), commit, config.dir());
        return Fleetform.open(source, config.name(), workers).apply()
                .providers(providers).targets(config.targets()).templates(config.templates())
                .journal(journal.at(commit.name(), run.number))
                .stopWhen(run::overdue)
                .call();
    }

    /** The environment failed under the facade (a template that cannot be read, a git object missing). */
    private RunStatus fault(Run run, CommitInfo commit, FleetformException e, List<RunError> refusals, String prefix) {
        return run.finish(refusals.isEmpty() ? Result.FAILED : Result.REJECTED, prefix + "commit " + commit.shortSha() + ": " + e.getMessage(),
                RunDetail.NONE, concat(refusals, RunError.of(RunError.Step.OBSERVE, e.getMessage(), e.hint())));
    }

    private RunStatus finished(Run run, ReconcileResult result, CommitInfo applied, List<RunError> refusals, String refusedWhy) {
        run.applied = applied;
        boolean rejected = refusedWhy != null;
        String commitText = (rejected ? "last good " : "") + "commit " + applied.shortSha();
        return switch (result) {
            case ReconcileResult.Applied a -> {
                RunDetail d = RunDetail.of(a.report());
                List<RunError> errors = new ArrayList<>(refusals);
                errors.addAll(d.errors());
                long appliedCount = d.changes().stream().filter(c -> c.outcome() == ChangeStatus.Outcome.APPLIED).count();
                Result r = rejected ? Result.REJECTED : a.report().failed() ? Result.FAILED : a.report().blocked() ? Result.BLOCKED : Result.SUCCESS;
                String msg = (rejected ? refusedWhy + ": " : "") + commitText + ": " + appliedCount + " change(s) applied, "
                        + d.blocked().size() + " blocked, " + d.errors().size() + " error(s)"
                        + (d.errors().isEmpty() ? "" : "; first: " + describe(d.errors().getFirst()));
                yield run.finish(r, msg, d, errors);
            }
            case ReconcileResult.Stopped s -> run.abandon((rejected ? refusedWhy + "; " : "") + commitText,
                    s.drift() == null ? RunDetail.NONE : RunDetail.ofDrift(s.drift()));
            case ReconcileResult.Observed o -> throw new IllegalStateException("apply returned a drift");
            // the last good commit was valid when applied; invalid now means the Fleetform version changed
            case ReconcileResult.Invalid i -> run.finish(Result.REJECTED, (rejected ? refusedWhy + "; " : "") + commitText
                    + " no longer validates", RunDetail.NONE, concat(refusals, RunDetail.ofDiagnostics(RunError.Step.VALIDATE, i.validation().diagnostics())));
            case ReconcileResult.ApprovalsInvalid i -> run.finish(Result.REJECTED, commitText + ": approvals.yaml no longer validates",
                    RunDetail.NONE, concat(refusals, RunDetail.ofDiagnostics(RunError.Step.VALIDATE, i.problems())));
        };
    }

    private static String describe(RunError e) {
        return (e.target() == null ? "" : e.target() + ": ") + e.message();
    }

    private static List<RunError> concat(List<RunError> a, RunError b) {
        return concat(a, List.of(b));
    }

    private static List<RunError> concat(List<RunError> a, List<RunError> b) {
        List<RunError> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private void markGood(RevCommit tip, CommitInfo info) {
        try {
            mirror.markGood(tip);
        } catch (GitFailure e) {
            log.accept("fleetform reconcile: " + e.getMessage());
        }
        lastApplied = info;
    }

    private CommitInfo remember(CommitInfo c) {
        synchronized (commits) {
            commits.remove(c.sha());
            commits.put(c.sha(), c);
            while (commits.size() > LoopStatus.KEPT) commits.remove(commits.keySet().iterator().next());
        }
        return c;
    }

    private void publish(RunStatus running) {
        List<CommitInfo> recent;
        synchronized (commits) {
            recent = new ArrayList<>(commits.values()).reversed();
        }
        List<RunStatus> brief = runs.stream().map(RunStatus::brief).toList();
        RunStatus last = running != null ? running : runs.isEmpty() ? null : runs.getFirst();
        status = new LoopStatus(LoopStatus.FORMAT_VERSION,
                new LoopStatus.Source(config.remote().display(), config.branch(), config.file()),
                startedAt, lastApplied != null, running != null, lastApplied, last, brief, recent);
    }

    private CommitInfo info(RevCommit c, Verdict v, String why, String signer) {
        String author = c.getAuthorIdent() == null ? "" : c.getAuthorIdent().getName();
        return new CommitInfo(c.name(), author, c.getShortMessage(), Instant.ofEpochSecond(c.getCommitTime()), v, why, signer);
    }

    /** One run in progress: its clock, and what it found so far. */
    private final class Run {
        final long number;
        final Trigger trigger;
        final Instant started;
        final Instant deadline;
        CommitInfo commit;
        CommitInfo applied;

        Run(long number, Trigger trigger, Instant started) {
            this.number = number;
            this.trigger = trigger;
            this.started = started;
            this.deadline = started.plus(config.deadline());
        }

        boolean overdue() {
            return stopping || !mayAct.getAsBoolean() || clock.instant().isAfter(deadline);
        }

        RunStatus running() {
            return new RunStatus(number, trigger, started, null, 0, Result.RUNNING, null, null, "running", List.of(), List.of(),
                    List.of(), List.of(), List.of());
        }

        RunStatus abandon(String where, RunDetail detail) {
            String why = stopping ? "shutting down" : !mayAct.getAsBoolean() ? "the leader lease was lost"
                    : "the deadline of " + config.deadline() + " passed";
            return finish(Result.ABANDONED, "abandoned (" + why + ") " + where + ", before the next step; nothing half done",
                    detail, detail.errors());
        }

        RunStatus finish(Result result, String message, RunDetail d, List<RunError> errors) {
            Instant end = clock.instant();
            double seconds = Duration.between(started, end).toNanos() / 1e9;
            return new RunStatus(number, trigger, started, end, seconds, result, commit, applied, message,
                    d.targets(), d.changes(), d.blocked(), errors, d.warnings());
        }
    }

    @Override
    public void close() {
        stop();
        mirror.close();
    }
}
