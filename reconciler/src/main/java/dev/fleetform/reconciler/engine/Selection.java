package dev.fleetform.reconciler.engine;

import dev.fleetform.changes.Address;

import java.util.List;
import java.util.Set;

/**
 * What a run is asked to look at and may do: the {@code --target} prefixes (none: everything) and
 * the addresses approved for a destructive change ({@code approvals.yaml}, {@code --approve}).
 */
public record Selection(List<String> targets, Set<String> approved) {
    public Selection {
        targets = List.copyOf(targets);
        approved = Set.copyOf(approved);
    }

    public static Selection everything() {
        return new Selection(List.of(), Set.of());
    }

    public boolean selects(Target target) {
        return target.selectedBy(targets);
    }

    /**
     * Whether a change at {@code address} of {@code target} is in the run: its address is under a
     * prefix, or the whole target is ({@code --target host/mon-01} takes the Prometheus rules that
     * host carries too).
     */
    public boolean selects(Target target, Address address) {
        if (selects(address)) return true;
        for (String p : targets) if (Target.within(target.address(), p)) return true;
        return false;
    }

    /** {@link #selects(Target, Address)} of an address's text. */
    public boolean selects(Target target, String address) {
        if (targets.isEmpty()) return true;
        for (String p : targets) if (Target.within(address, p) || Target.within(target.address(), p)) return true;
        return false;
    }

    /** Whether a change at {@code address} is in the run, as Terraform's {@code -target} limits a plan. */
    public boolean selects(Address address) {
        if (targets.isEmpty()) return true;
        String text = address.text();
        for (String p : targets) if (Target.within(text, p)) return true;
        return false;
    }
}
