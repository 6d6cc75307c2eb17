package dev.fleetform.reconciler.engine;

import dev.fleetform.changes.FieldDiff;
import dev.fleetform.changes.ResourceChange;

import java.util.Map;
import java.util.Objects;

/**
 * A plan saved by {@code fleetform drift --out PLAN.json}: {@code apply --plan} applies exactly
 * its changes, each only while the live resource is still what the plan saw.
 *
 * @param changes by address text
 */
public record SavedPlan(Map<String, Entry> changes) {
    public SavedPlan {
        changes = Map.copyOf(changes);
    }

    /**
     * One saved change.
     *
     * @param liveVersion the live resource's version when the plan was made (a resourceVersion), or null
     */
    public record Entry(String address, String action, Map<String, Object> before, Map<String, Object> after, String liveVersion) {
    }

    /**
     * Why {@code now} may not be applied under this plan, or null when it may: the live resource
     * or git moved since the plan was made.
     *
     * @param liveVersion the live resource's version now, or null
     */
    String refusal(ResourceChange now, String liveVersion) {
        Entry e = changes.get(now.address().text());
        if (!e.action().equals(now.action().jsonName())) {
            return "the plan says " + e.action() + ", but it is now " + now.action().jsonName() + ": run drift again";
        }
        if (e.liveVersion() != null && !Objects.equals(e.liveVersion(), liveVersion)) {
            return "the live object changed since the plan was made (version " + e.liveVersion() + ", now "
                    + (liveVersion == null ? "absent" : liveVersion) + "): run drift again";
        }
        if (!same(e.before(), now.before())) return "the live object changed since the plan was made: run drift again";
        if (!same(e.after(), now.after())) return "git changed since the plan was made: run drift again";
        return null;
    }

    boolean has(ResourceChange c) {
        return changes.containsKey(c.address().text());
    }

    private static boolean same(Map<String, Object> a, Map<String, Object> b) {
        if (a == null || b == null) return a == b;
        return FieldDiff.same(a, b);
    }
}
