package dev.fleetform.changes;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Maps a function over items on the threads the caller owns (the process's one executor,
 * {@code compiler.work.Workers}), so the differ never starts threads or uses the common pool.
 */
public interface Parallel {
    /** Everything on the calling thread. */
    Parallel SEQUENTIAL = new Parallel() {
        @Override
        public <T, R> List<R> map(List<T> items, Function<? super T, ? extends R> fn) {
            List<R> out = new ArrayList<>(items.size());
            for (T item : items) out.add(fn.apply(item));
            return out;
        }
    };

    /** {@code fn} of each item, in the items' order. */
    <T, R> List<R> map(List<T> items, Function<? super T, ? extends R> fn);

    /** The items {@code keep} accepts, in order, tested in a few slices side by side (one task per item would cost more than most tests). */
    default <T> List<T> filter(List<T> items, java.util.function.Predicate<? super T> keep) {
        int slices = Math.min(items.size(), 16);
        if (slices <= 1) return items.stream().filter(keep).toList();
        List<List<T>> parts = new ArrayList<>(slices);
        for (int i = 0; i < slices; i++) parts.add(items.subList(i * items.size() / slices, (i + 1) * items.size() / slices));
        List<T> out = new ArrayList<>();
        for (List<T> kept : map(parts, p -> p.stream().filter(keep).toList())) out.addAll(kept);
        return out;
    }
}
