package dev.fleetform.reconciler.engine;

import dev.fleetform.changes.Plan;
import dev.fleetform.changes.ResourceChange;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@code fleetform drift} found: per target, the changes that would make it match git,
 * and the targets that could not be observed. Planning only: nothing was written.
 */
public record Drift(List<TargetPlan> targets, List<TargetError> errors, Selection selection) {
    public Drift {
        targets = List.copyOf(targets);
        errors = List.copyOf(errors);
    }

    /** Every target's changes as one plan (destructive first, then by address), with the warnings of all. */
    public Plan plan() {
        List<ResourceChange> changes = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (TargetPlan t : targets) {
            changes.addAll(t.plan().changes());
            warnings.addAll(t.observation().warnings());
        }
        changes.sort(Comparator.comparing(ResourceChange::risk).reversed().thenComparing(c -> c.address().text()));
        warnings.addAll(staleApprovals(changes));
        return new Plan(Plan.FORMAT_VERSION, List.copyOf(changes), List.copyOf(warnings));
    }

    /** Whether every selected target was observed and matches git. */
    public boolean inSync() {
        return errors.isEmpty() && targets.stream().noneMatch(t -> t.plan().hasChanges());
    }

    /** An approval that matches no change of any target: probably a typo or already done. */
    private List<String> staleApprovals(List<ResourceChange> changes) {
        Set<String> addresses = new HashSet<>();
        for (ResourceChange c : changes) addresses.add(c.address().text());
        List<String> out = new ArrayList<>();
        for (String a : new TreeSet<>(selection.approved())) {
            if (!addresses.contains(a) && selection.selects(new Target(a))) {
                out.add("approval for " + a + " matches no change in this run (stale approval?)");
            }
        }
        return out;
    }
}
