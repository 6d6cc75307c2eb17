package dev.fleetform.reconciler.engine;

import dev.fleetform.changes.ResourceChange;
import dev.fleetform.changes.Risk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The changes of one target split into the waves the budgets allow. The first wave holds every
 * change without a budget (safe ones, and disruptive ones whose own controller bounds them, as a
 * Deployment's strategy does) and the first {@code maxUnavailable} of each budgeted group; each
 * further wave the next ones of each group. Order within a group is the plan's.
 */
final class Waves {
    /** One wave: its changes, in plan order, and the budgeted group of each that has one. */
    record Wave(List<ResourceChange> changes, Map<ResourceChange, Budget> budgets) {
    }

    private Waves() {
    }

    /** @param budget the budget of a disruptive change, or null when nothing bounds it */
    static List<Wave> of(List<ResourceChange> changes, Function<ResourceChange, Budget> budget) {
        List<ResourceChange> free = new ArrayList<>();
        Map<String, List<ResourceChange>> groups = new LinkedHashMap<>();
        Map<ResourceChange, Budget> budgets = new LinkedHashMap<>();
        for (ResourceChange c : changes) {
            Budget b = c.risk() == Risk.DISRUPTIVE ? budget.apply(c) : null;
            if (b == null) {
                free.add(c);
            } else {
                budgets.put(c, b);
                groups.computeIfAbsent(b.group(), g -> new ArrayList<>()).add(c);
            }
        }
        List<Wave> waves = new ArrayList<>();
        for (int wave = 0; ; wave++) {
            List<ResourceChange> these = new ArrayList<>(wave == 0 ? free : List.of());
            for (List<ResourceChange> group : groups.values()) {
                int size = budgets.get(group.getFirst()).maxUnavailable();
                int from = wave * size;
                if (from < group.size()) these.addAll(group.subList(from, Math.min(group.size(), from + size)));
            }
            if (these.isEmpty()) break;
            Map<ResourceChange, Budget> mine = new LinkedHashMap<>();
            for (ResourceChange c : these) if (budgets.containsKey(c)) mine.put(c, budgets.get(c));
            waves.add(new Wave(List.copyOf(these), mine));
        }
        return waves;
    }
}
