package dev.fleetform.changes;

import java.util.List;

/**
 * What applying the head revision would do, ordered by risk (destructive first), then address.
 * The JSON form ({@code render.PlanJson}) is the contract; text and Markdown render it.
 */
public record Plan(String formatVersion, List<ResourceChange> changes, List<String> warnings) {

    public static final String FORMAT_VERSION = "1";

    public boolean hasChanges() {
        return !changes.isEmpty();
    }

    /** Destructive changes nobody approved: CI fails on these (exit 3). */
    public List<ResourceChange> unapprovedDestructive() {
        return changes.stream().filter(ResourceChange::blocksApply).toList();
    }

    public long count(Risk risk) {
        return changes.stream().filter(c -> c.risk() == risk).count();
    }

    public long approvedCount() {
        return changes.stream().filter(ResourceChange::approved).count();
    }
}
