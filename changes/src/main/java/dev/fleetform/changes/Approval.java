package dev.fleetform.changes;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Someone's approval of the destructive change at {@code address} (in {@code approvals.yaml}
 * beside fleet.yaml, or {@code --approve ADDRESS}), and why. The differ matches approvals to
 * changes by address; an approval that matches none is a warning.
 */
public record Approval(String address, String reason, String approver) {

    /** The approved addresses of {@code approvals} and the {@code extra} ones given on the command line. */
    public static Set<String> addresses(Collection<Approval> approvals, List<String> extra) {
        Set<String> s = new LinkedHashSet<>();
        for (Approval a : approvals) s.add(a.address());
        s.addAll(extra);
        return s;
    }
}
