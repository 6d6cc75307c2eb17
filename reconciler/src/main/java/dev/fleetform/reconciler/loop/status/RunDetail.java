package dev.fleetform.reconciler.loop.status;

import dev.fleetform.changes.Address;
import dev.fleetform.changes.Resource;
import dev.fleetform.changes.ResourceChange;
import dev.fleetform.compiler.diag.Diagnostic;
import dev.fleetform.reconciler.engine.ApplyReport;
import dev.fleetform.reconciler.engine.Drift;
import dev.fleetform.reconciler.engine.Outcome;
import dev.fleetform.reconciler.engine.TargetError;
import dev.fleetform.reconciler.engine.TargetPlan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The detail of a run (targets with their resources, changes, blocked changes, errors) made
 * from what the engine returned: an apply's report, or only the drift when the run stopped before
 * applying.
 */
public record RunDetail(List<TargetStatus> targets, List<ChangeStatus> changes, List<ChangeStatus> blocked,
                        List<RunError> errors, List<String> warnings) {
    public static final RunDetail NONE = new RunDetail(List.of(), List.of(), List.of(), List.of(), List.of());

    public static RunDetail of(ApplyReport report) {
        Map<Address, Outcome> outcomes = new HashMap<>();
        for (Outcome o : report.outcomes()) outcomes.put(o.change().address(), o);
        return of(report.drift(), outcomes);
    }

    /** A drift observed and not applied: every change is pending. */
    public static RunDetail ofDrift(Drift drift) {
        return of(drift, Map.of());
    }

    /** Located diagnostics of an invalid commit, errors first as validate sorts them. */
    public static List<RunError> ofDiagnostics(RunError.Step step, List<Diagnostic> diagnostics) {
        List<RunError> out = new ArrayList<>();
        for (Diagnostic d : diagnostics) {
            if (!d.isError()) continue;
            out.add(new RunError(step, null, d.message(), d.hint(), d.location().toString(), d.ruleId()));
        }
        return out;
    }

    private static RunDetail of(Drift drift, Map<Address, Outcome> outcomes) {
        List<TargetStatus> targets = new ArrayList<>();
        List<ChangeStatus> changes = new ArrayList<>();
        List<ChangeStatus> blocked = new ArrayList<>();
        for (TargetPlan tp : drift.targets()) {
            Map<Address, ResourceStatus> resources = new LinkedHashMap<>();
            for (Resource r : tp.provider().desired(tp.target()).all().values()) {
                resources.put(r.address(), new ResourceStatus(r.address().text(), r.kind().jsonName(), ResourceStatus.Sync.IN_SYNC));
            }
            boolean allApplied = true;
            for (ResourceChange c : tp.plan().changes()) {
                Outcome o = outcomes.get(c.address());
                ChangeStatus cs = change(c, o);
                changes.add(cs);
                if (o instanceof Outcome.Blocked) blocked.add(cs);
                if (!(o instanceof Outcome.Applied)) allApplied = false;
                resources.put(c.address(), new ResourceStatus(c.address().text(), c.kind().jsonName(), sync(o)));
            }
            TargetStatus.State state = !tp.plan().hasChanges() ? TargetStatus.State.IN_SYNC
                    : allApplied ? TargetStatus.State.CORRECTED : TargetStatus.State.DRIFTED;
            targets.add(new TargetStatus(tp.target().address(), tp.provider().family(), state, tp.plan().changes().size(), null, null,
                    List.copyOf(resources.values())));
        }
        List<RunError> errors = new ArrayList<>();
        for (TargetError e : drift.errors()) {
            String address = e.target().address();
            targets.add(new TargetStatus(address, family(address), TargetStatus.State.UNAVAILABLE, 0, e.reason(), e.hint(), List.of()));
            errors.add(new RunError(RunError.Step.OBSERVE, address, e.reason(), e.hint(), null, null));
        }
        for (ChangeStatus c : changes) {
            if (c.outcome() == ChangeStatus.Outcome.FAILED || c.outcome() == ChangeStatus.Outcome.REFUSED) {
                errors.add(new RunError(RunError.Step.APPLY, c.address(), c.outcome().jsonName() + ": " + c.message(), null, null, null));
            }
        }
        return new RunDetail(targets, changes, blocked, errors, drift.plan().warnings());
    }

    private static ChangeStatus change(ResourceChange c, Outcome o) {
        ChangeStatus.Outcome outcome = switch (o) {
            case null -> ChangeStatus.Outcome.PENDING;
            case Outcome.Applied a -> ChangeStatus.Outcome.APPLIED;
            case Outcome.Blocked b -> ChangeStatus.Outcome.BLOCKED;
            case Outcome.Refused r -> ChangeStatus.Outcome.REFUSED;
            case Outcome.Failed f -> ChangeStatus.Outcome.FAILED;
        };
        String message = switch (o) {
            case null -> "";
            case Outcome.Applied a -> a.note();
            case Outcome.Blocked b -> b.why();
            case Outcome.Refused r -> r.why();
            case Outcome.Failed f -> f.reason();
        };
        return new ChangeStatus(c.address().text(), c.kind().jsonName(), c.action().jsonName(), c.risk().jsonName(), c.reason(),
                c.approved(), outcome, message);
    }

    private static ResourceStatus.Sync sync(Outcome o) {
        return switch (o) {
            case null -> ResourceStatus.Sync.DRIFTED;
            case Outcome.Applied a -> ResourceStatus.Sync.CORRECTED;
            case Outcome.Blocked b -> ResourceStatus.Sync.BLOCKED;
            case Outcome.Refused r -> ResourceStatus.Sync.FAILED;
            case Outcome.Failed f -> ResourceStatus.Sync.FAILED;
        };
    }

    private static String family(String address) {
        int slash = address.indexOf('/');
        return slash < 0 ? address : address.substring(0, slash);
    }
}
