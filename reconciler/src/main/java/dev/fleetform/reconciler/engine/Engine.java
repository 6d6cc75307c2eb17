package dev.fleetform.reconciler.engine;

import dev.fleetform.changes.Differ;
import dev.fleetform.changes.Plan;
import dev.fleetform.changes.ResourceChange;
import dev.fleetform.changes.Risk;
import dev.fleetform.compiler.work.Workers;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Observes targets, diffs them with git through the shared {@link Differ}, and applies what the
 * policy allows: safe changes, disruptive ones within their {@link Budget}s (in waves, each
 * started only when the one before is healthy), destructive ones only when their exact address
 * is approved. Targets are observed and applied side by side, up to {@code parallel} at once on
 * virtual threads (the work is waiting on SSH and HTTP; the diffs compute on {@code workers}); one
 * that cannot be observed is reported and never stops the others.
 */
public final class Engine {
    private final List<Provider> providers;
    private final Workers workers;
    private final Progress progress;

    private final int maxFail;
    private final int parallel;
    private final StepJournal journal;

    public Engine(List<Provider> providers, Workers workers, Progress progress) {
        this(providers, workers, progress, 100, DEFAULT_PARALLEL);
    }

    /** How many targets are worked on at once unless told ({@code --parallel}). */
    public static final int DEFAULT_PARALLEL = 50;

    /**
     * @param maxFail  once more than this percentage of a family's targets in a run have failed, its
     *                 targets not started yet are not applied (a rollout going wrong stops); 100 never stops
     * @param parallel how many targets are observed or applied at once; the others wait their turn
     *                 in the fleet's order, so that {@code maxFail} can still stop them
     */
    public Engine(List<Provider> providers, Workers workers, Progress progress, int maxFail, int parallel) {
        this(providers, workers, progress, maxFail, parallel, StepJournal.NONE);
    }

    /** @param journal where each approved destructive change is recorded before and after it runs */
    public Engine(List<Provider> providers, Workers workers, Progress progress, int maxFail, int parallel, StepJournal journal) {
        if (maxFail < 0 || maxFail > 100) throw new IllegalArgumentException("maxFail is a percentage: " + maxFail);
        if (parallel < 1) throw new IllegalArgumentException("parallel is at least 1: " + parallel);
        this.providers = List.copyOf(providers);
        this.workers = workers;
        this.progress = progress;
        this.maxFail = maxFail;
        this.parallel = parallel;
        this.journal = journal;
    }

    /** Read only: what apply would change in the selected targets. */
    public Drift drift(Selection selection) {
        List<Job> jobs = new ArrayList<>();
        for (Provider p : providers) {
            for (Target t : p.targets()) if (selection.selects(t)) jobs.add(new Job(p, t));
        }
        List<Object> results = inTurn(jobs, job -> observe(job, selection));
        List<TargetPlan> plans = new ArrayList<>();
        List<TargetError> errors = new ArrayList<>();
        for (Object r : results) {
            if (r instanceof TargetPlan tp) plans.add(tp);
            else errors.add((TargetError) r);
        }
        return new Drift(plans, errors, selection);
    }

    private Object observe(Job job, Selection selection) {
        progress.observing(job.target());
        try {
            Observation live = job.provider().observe(job.target());
            Plan all = Differ.diff(job.provider().desired(job.target()), live.resources(), selection.approved(), workers);
            List<ResourceChange> selected = all.changes().stream().filter(c -> selection.selects(job.target(), c.address())).toList();
            TargetPlan tp = new TargetPlan(job.target(), job.provider(), live, new Plan(all.formatVersion(), selected, List.of()));
            progress.observed(tp);
            return tp;
        } catch (TargetUnavailable e) {
            TargetError error = TargetError.of(e);
            progress.unavailable(error);
            return error;
        }
    }

    /**
     * Applies {@code drift}: every change the policy allows, or with {@code saved} only the
     * changes in that plan that still are what it saw.
     *
     * @param saved a plan saved by {@code drift --out}, or null
     */
    public ApplyReport apply(Drift drift, SavedPlan saved) {
        Map<String, Rollout> rollouts = new LinkedHashMap<>();
        for (TargetPlan tp : drift.targets()) {
            rollouts.computeIfAbsent(tp.provider().family(), f -> new Rollout()).targets++;
            settle(tp, drift.selection());
        }
        List<ApplyReport.TargetRun> runs = inTurn(drift.targets(), tp -> run(tp, saved, rollouts.get(tp.provider().family())));
        return new ApplyReport(drift, runs);
    }

    /**
     * A step begun by a process that died before it could say how it ended, whose address this
     * observation finds in sync: it finished, and is closed, never run again.
     */
    private void settle(TargetPlan tp, Selection selection) {
        Set<String> open = journal.open(tp.target().address());
        if (open.isEmpty()) return;
        Set<String> changed = new HashSet<>();
        for (ResourceChange c : tp.plan().changes()) changed.add(c.address().text());
        for (String a : open) if (!changed.contains(a) && selection.selects(tp.target(), a)) journal.effectLive(a);
    }

    /** A family's targets in one apply, as far as {@code maxFail} is concerned: how many, how many failed. */
    private static final class Rollout {
        int targets;
        int failed;

        synchronized String stopped(int maxFail) {
            return failed * 100 > maxFail * targets ? "rollout stopped: " + failed + " of " + targets
                    + " targets failed, more than --max-fail " + maxFail + "%" : null;
        }

        synchronized void done(List<Outcome> outcomes) {
            if (outcomes.stream().anyMatch(o -> o instanceof Outcome.Failed)) failed++;
        }
    }

    private ApplyReport.TargetRun run(TargetPlan tp, SavedPlan saved, Rollout rollout) {
        String stopped = rollout.stopped(maxFail);
        if (stopped != null) {
            List<Outcome> blocked = tp.plan().changes().stream().map(c -> (Outcome) new Outcome.Blocked(c, stopped)).toList();
            progress.applied(tp.target(), blocked);
            return new ApplyReport.TargetRun(tp.target(), blocked, 0);
        }
        ApplyReport.TargetRun r = run(tp, saved);
        rollout.done(r.outcomes());
        return r;
    }

    private ApplyReport.TargetRun run(TargetPlan tp, SavedPlan saved) {
        List<Outcome> outcomes = new ArrayList<>();
        List<ResourceChange> allowed = new ArrayList<>();
        int notInPlan = 0;
        for (ResourceChange c : tp.plan().changes()) {
            if (saved != null && !saved.has(c)) {
                notInPlan++;
                continue;
            }
            String refusal = saved == null ? null : saved.refusal(c, tp.observation().version(c.address()));
            if (refusal != null) outcomes.add(new Outcome.Refused(c, refusal));
            else if (c.blocksApply()) outcomes.add(new Outcome.Blocked(c, "destructive: apply it with --approve " + c.address().text()
                    + " or an entry in approvals.yaml"));
            else allowed.add(c);
        }
        if (!allowed.isEmpty()) inWaves(tp, allowed, outcomes);
        progress.applied(tp.target(), outcomes);
        return new ApplyReport.TargetRun(tp.target(), outcomes, notInPlan);
    }

    /**
     * Applies {@code allowed} wave by wave ({@link Waves}): a budgeted group stops at the first
     * wave in which one of its changes did not apply, and its remaining changes are blocked,
     * saying which change and budget stopped them.
     */
    private void inWaves(TargetPlan tp, List<ResourceChange> allowed, List<Outcome> outcomes) {
        List<Waves.Wave> waves = Waves.of(allowed, c -> tp.provider().budget(tp.target(), c));
        Map<String, ResourceChange> stopped = new LinkedHashMap<>();
        for (Waves.Wave wave : waves) {
            List<ResourceChange> go = new ArrayList<>();
            for (ResourceChange c : wave.changes()) {
                Budget b = wave.budgets().get(c);
                ResourceChange why = b == null ? null : stopped.get(b.group());
                if (why == null) go.add(c);
                else outcomes.add(new Outcome.Blocked(c, "budget " + b.describe() + ": not started, " + why.address().text()
                        + " did not apply in the wave before"));
            }
            go = journaled(tp, go, outcomes);
            if (go.isEmpty()) continue;
            progress.applying(tp.target(), go.size());
            List<Outcome> done = tp.provider().apply(tp.target(), tp.observation(), go);
            for (Outcome o : done) {
                Budget b = wave.budgets().get(o.change());
                if (b != null && !(o instanceof Outcome.Applied)) stopped.putIfAbsent(b.group(), o.change());
                if (o.change().risk() == Risk.DESTRUCTIVE) journal.end(o.change(), o);
            }
            outcomes.addAll(done);
        }
    }

    /**
     * The changes of {@code go} that may run: each destructive one only once the journal has its
     * intent (the others of the wave go with it, so the provider keeps its order); one the journal
     * holds back is blocked with its reason.
     */
    private List<ResourceChange> journaled(TargetPlan tp, List<ResourceChange> go, List<Outcome> outcomes) {
        List<ResourceChange> out = new ArrayList<>(go.size());
        for (ResourceChange c : go) {
            String why = c.risk() == Risk.DESTRUCTIVE ? journal.begin(c, StepJournal.liveVersion(tp.observation(), c)) : null;
            if (why == null) out.add(c);
            else outcomes.add(new Outcome.Blocked(c, why));
        }
        return out;
    }

    /**
     * {@code fn} of every item, {@code parallel} at a time, on virtual threads that take the items
     * in their order; the results in the items' order. A target's work is mostly waiting (for an
     * SSH handshake, a probe, an API call), so a thread each lets that many hosts connect at once
     * (on the compute pool, which grows by a thread per blocked task, 50 hosts started over half a
     * second). What {@code fn} throws (a bug: a target's own faults are values) is thrown as it
     * was, the first item's first.
     */
    private <T, R> List<R> inTurn(List<T> items, Function<? super T, ? extends R> fn) {
        if (items.size() == 1) return List.of(fn.apply(items.getFirst()));
        List<CompletableFuture<R>> results = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) results.add(new CompletableFuture<>());
        AtomicInteger next = new AtomicInteger();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) { // closing waits for them all
            for (int w = 0; w < Math.min(parallel, items.size()); w++) {
                threads.submit(() -> {
                    for (int i; (i = next.getAndIncrement()) < items.size(); ) {
                        try {
                            results.get(i).complete(fn.apply(items.get(i)));
                        } catch (RuntimeException | Error e) {
                            results.get(i).completeExceptionally(e);
                        }
                    }
                });
            }
        }
        List<R> out = new ArrayList<>(items.size());
        for (Future<R> f : results) out.add(result(f));
        return out;
    }

    private static <R> R result(Future<R> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a target", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        }
    }

    private record Job(Provider provider, Target target) {
    }
}
