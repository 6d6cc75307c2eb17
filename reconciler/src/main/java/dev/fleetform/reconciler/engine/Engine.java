package dev.fleetform.reconciler.engine;

import dev.fleetform.changes.Differ;
import dev.fleetform.changes.Plan;
import dev.fleetform.changes.ResourceChange;
import dev.fleetform.compiler.work.Workers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Observes targets, diffs them with git through the shared {@link Differ}, and applies what the
 * policy allows: safe changes, disruptive ones within their {@link Budget}s (in waves, each
 * started only when the one before is healthy), destructive ones only when their exact address
 * is approved. Targets are observed side by side; one that cannot be observed is reported and
 * never stops the others.
 */
public final class Engine {
    private final List<Provider> providers;
    private final Workers workers;
    private final Progress progress;

    private final int maxFail;

    public Engine(List<Provider> providers, Workers workers, Progress progress) {
        this(providers, workers, progress, 100);
    }

    /**
     * @param maxFail once more than this percentage of a family's targets in a run have failed, its
     *                targets not started yet are not applied (a rollout going wrong stops); 100 never stops
     */
    public Engine(List<Provider> providers, Workers workers, Progress progress, int maxFail) {
        if (maxFail < 0 || maxFail > 100) throw new IllegalArgumentException("maxFail is a percentage: " + maxFail);
        this.providers = List.copyOf(providers);
        this.workers = workers;
        this.progress = progress;
        this.maxFail = maxFail;
    }

    /** Read only: what apply would change in the selected targets. */
    public Drift drift(Selection selection) {
        List<Job> jobs = new ArrayList<>();
        for (Provider p : providers) {
            for (Target t : p.targets()) if (selection.selects(t)) jobs.add(new Job(p, t));
        }
        List<Object> results = workers.map(jobs, job -> observe(job, selection));
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
        for (TargetPlan tp : drift.targets()) rollouts.computeIfAbsent(tp.provider().family(), f -> new Rollout()).targets++;
        List<ApplyReport.TargetRun> runs = workers.map(drift.targets(), tp -> run(tp, saved, rollouts.get(tp.provider().family())));
        return new ApplyReport(drift, runs);
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
            if (go.isEmpty()) continue;
            progress.applying(tp.target(), go.size());
            List<Outcome> done = tp.provider().apply(tp.target(), tp.observation(), go);
            for (Outcome o : done) {
                Budget b = wave.budgets().get(o.change());
                if (b != null && !(o instanceof Outcome.Applied)) stopped.putIfAbsent(b.group(), o.change());
            }
            outcomes.addAll(done);
        }
    }

    private record Job(Provider provider, Target target) {
    }
}
