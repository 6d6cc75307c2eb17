package dev.fleetform.reconciler.api;

import dev.fleetform.changes.Approval;
import dev.fleetform.compiler.Validation;
import dev.fleetform.compiler.diag.Diagnostics;
import dev.fleetform.compiler.emit.EmitContext;
import dev.fleetform.compiler.emit.Templates;
import dev.fleetform.compiler.load.FleetSource;
import dev.fleetform.compiler.load.FleetSourceException;
import dev.fleetform.compiler.fault.SourceUnreadable;
import dev.fleetform.compiler.plan.Approvals;
import dev.fleetform.reconciler.engine.Drift;
import dev.fleetform.reconciler.engine.Engine;
import dev.fleetform.reconciler.engine.Progress;
import dev.fleetform.reconciler.engine.Providers;
import dev.fleetform.reconciler.engine.SavedPlan;
import dev.fleetform.reconciler.engine.Selection;
import dev.fleetform.reconciler.engine.StepJournal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Compares the live fleet with the fleet file: {@code drift()} only reads, {@code apply()} then
 * makes the live state match within the policy. Single use.
 */
public final class DriftCall {
    private final Fleetform fleet;
    private final FleetSource approvalsSource;
    private BooleanSupplier stop = () -> false;
    private final boolean apply;
    private Providers providers;
    private final List<String> targets = new ArrayList<>();
    private final List<String> approve = new ArrayList<>();
    private Progress progress = Progress.NONE;
    private SavedPlan saved;
    private int maxFail = 100;
    private int parallel = Engine.DEFAULT_PARALLEL;
    private String templates;
    private StepJournal journal = StepJournal.NONE;

    DriftCall(Fleetform fleet, FleetSource approvalsSource, boolean apply) {
        this.fleet = fleet;
        this.approvalsSource = approvalsSource;
        this.apply = apply;
    }

    /** The families to reconcile, made for the valid fleet (e.g. Kubernetes with a kubeconfig). */
    public DriftCall providers(Providers providers) {
        this.providers = providers;
        return this;
    }

    /** Limits the run to addresses starting with these prefixes, as Terraform's {@code -target}. */
    public DriftCall targets(List<String> prefixes) {
        targets.addAll(prefixes);
        return this;
    }

    /** Approves the destructive change at each address, besides those in approvals.yaml. */
    public DriftCall approve(List<String> addresses) {
        approve.addAll(addresses);
        return this;
    }

    /**
     * apply: once more than {@code percent} % of a family's targets have failed, the targets not
     * started yet are not applied ({@code --max-fail}); 100 never stops.
     */
    public DriftCall maxFail(int percent) {
        if (percent < 0 || percent > 100) throw new IllegalArgumentException("max-fail is a percentage, 0 to 100: " + percent);
        this.maxFail = percent;
        return this;
    }

    /** How many targets are observed and applied at once ({@code --parallel}); the rest wait their turn. */
    public DriftCall parallel(int targets) {
        if (targets < 1) throw new IllegalArgumentException("parallel is at least 1: " + targets);
        this.parallel = targets;
        return this;
    }

    /**
     * Templates that shadow the built-in ones, as {@code plan --templates} takes them: a folder
     * beside the fleet file, read at the same revision (the VM domain XML compared and defined is
     * rendered from them).
     */
    public DriftCall templates(String dir) {
        this.templates = dir;
        return this;
    }

    /**
     * apply: records each approved destructive change before and after it runs, and holds back
     * one already done or interrupted with the live state moved ({@code fleetform reconcile}'s
     * apply journal); none by default.
     */
    public DriftCall journal(StepJournal journal) {
        this.journal = journal;
        return this;
    }

    public DriftCall progress(Progress progress) {
        this.progress = progress;
        return this;
    }

    /** apply: only the changes of this plan saved by {@code drift --out}, each only while still what it saw. */
    public DriftCall plan(SavedPlan saved) {
        this.saved = saved;
        return this;
    }

    /**
     * Asked between the steps (before observing, before applying): when true, the call returns
     * {@link ReconcileResult.Stopped} without starting the next step. A step once started finishes,
     * so nothing is left half written by a deadline or a shutdown.
     */
    public DriftCall stopWhen(BooleanSupplier stop) {
        this.stop = stop;
        return this;
    }

    public ReconcileResult call() {
        if (providers == null) throw new IllegalStateException("no providers given");
        Validation v = fleet.validate();
        if (!v.valid()) return new ReconcileResult.Invalid(v);
        Diagnostics problems = new Diagnostics();
        List<Approval> approvals = Approvals.load(approvalsSource, problems);
        if (problems.hasErrors()) return new ReconcileResult.ApprovalsInvalid(problems.sorted());
        Selection selection = new Selection(targets, Approvals.addresses(approvals, approve));
        EmitContext ctx = new EmitContext(templates(), fleet.workers());
        Engine engine = new Engine(providers.of(v, ctx, fleet.files()), fleet.workers(), progress, maxFail, parallel, journal);
        if (stop.getAsBoolean()) return new ReconcileResult.Stopped(null);
        Drift drift = engine.drift(selection);
        if (apply && stop.getAsBoolean()) return new ReconcileResult.Stopped(drift);
        return apply ? new ReconcileResult.Applied(engine.apply(drift, saved)) : new ReconcileResult.Observed(drift);
    }

    private Templates templates() {
        if (templates == null) return Templates.builtIn();
        FleetSource files = fleet.files();
        try {
            // plan may read a revision from before the folder was added; here it is a folder of
            // the checkout, so a name that finds nothing is a mistake, not "use the built-in ones"
            if (files.glob((templates.endsWith("/") ? templates : templates + "/") + "**").isEmpty()) {
                throw new SourceUnreadable(files.displayName(templates), "no templates in " + files.displayName(templates)
                        + ": the folder is missing or empty", "check the --templates folder: a path beside the fleet file, such as templates", null);
            }
            return Templates.fromSource(files, templates);
        } catch (FleetSourceException e) {
            throw new SourceUnreadable(files.displayName(templates), "cannot read the templates " + files.displayName(templates)
                    + ": " + e.getMessage(), "check the --templates folder beside the fleet file", e);
        }
    }
}
