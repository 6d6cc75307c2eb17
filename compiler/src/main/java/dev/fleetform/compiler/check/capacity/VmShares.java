package dev.fleetform.compiler.check.capacity;

import dev.fleetform.compiler.model.Saturating;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Who uses how much of a host resource, for capacity messages: the biggest users first (they
 * are the ones to move), at most {@value #SHOWN} named, then how many more.
 */
final class VmShares {

    static final int SHOWN = 5;

    private record Share(String vm, long amount) {
    }

    private static final Comparator<Share> BIGGEST_FIRST = Comparator
            .comparingLong(Share::amount).reversed()
            .thenComparing(Share::vm);

    private final List<Share> shares = new ArrayList<>();
    private long total;

    void add(String vm, long amount) {
        shares.add(new Share(vm, amount));
        total = Saturating.add(total, amount);
    }

    long total() {
        return total;
    }

    boolean isEmpty() {
        return shares.isEmpty();
    }

    /** E.g. {@code gpu-01-vm2 48, gpu-01-vm1 32 and 3 more}; {@code unit} follows each amount. */
    String describe(String unit) {
        List<Share> sorted = new ArrayList<>(shares);
        sorted.sort(BIGGEST_FIRST);
        StringBuilder b = new StringBuilder();
        int shown = Math.min(SHOWN, sorted.size());
        for (int i = 0; i < shown; i++) {
            if (i > 0) b.append(", ");
            b.append(sorted.get(i).vm()).append(' ').append(sorted.get(i).amount()).append(unit);
        }
        if (sorted.size() > shown) b.append(" and ").append(sorted.size() - shown).append(" more");
        return b.toString();
    }
}
