package dev.fleetform.compiler.work;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The threads a process computes with: one pool, sized to the cores, made once by whoever runs
 * Fleetform (the CLI, a test, the reconciler), passed to each stage and closed at the end. Every
 * stage that works in parallel goes through it, so nothing starts threads of its own.
 *
 * <p>A fork-join pool, because work nests: an emitter running on it splits a large YAML document
 * into chunks on the same pool, and a task waiting for its subtasks helps run them instead of
 * blocking a thread. {@link #callerOnly()} runs everything on the calling thread; results never
 * depend on which is used (only on the inputs), which {@code WorkersIndependenceTest} checks.
 */
public final class Workers implements AutoCloseable, dev.fleetform.changes.Parallel {
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final ForkJoinPool pool; // null: everything on the calling thread

    private Workers(ForkJoinPool pool) {
        this.pool = pool;
    }

    /** A pool with a thread per core. */
    public static Workers forCores() {
        return of(Runtime.getRuntime().availableProcessors());
    }

    /** A pool of {@code threads} threads; one or fewer runs everything on the calling thread. */
    public static Workers of(int threads) {
        if (threads <= 1) return callerOnly();
        String prefix = "fleetform-" + POOLS.incrementAndGet() + "-";
        ForkJoinPool.ForkJoinWorkerThreadFactory named = p -> {
            ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
            t.setName(prefix + t.getPoolIndex());
            t.setDaemon(true);
            return t;
        };
        return new Workers(new ForkJoinPool(threads, named, null, false));
    }

    /** No threads: each task runs on the thread that asks for its result. */
    public static Workers callerOnly() {
        return new Workers(null);
    }

    /** How many tasks can run at once. */
    public int parallelism() {
        return pool == null ? 1 : pool.getParallelism();
    }

    /**
     * Starts {@code work} beside the caller. {@link Task#cancel()} interrupts it; without
     * threads it runs when its result is first asked for, or never when cancelled first.
     */
    public <T> Task<T> fork(Callable<T> work) {
        if (pool == null) return new Task<>(null, work);
        return new Task<>(pool.submit(ForkJoinTask.adaptInterruptible(work)), null);
    }

    /**
     * {@code fn} of every item, in the items' order. When items fail, the exception of the first
     * failing item (in list order) is thrown as it was, as in a loop over the list.
     */
    @Override
    public <T, R> List<R> map(List<T> items, Function<? super T, ? extends R> fn) {
        if (pool == null || items.size() <= 1) {
            List<R> out = new ArrayList<>(items.size());
            for (T item : items) out.add(fn.apply(item));
            return out;
        }
        // Each task keeps its outcome rather than throwing, so that a later item's failure
        // cannot cancel or hide an earlier one's.
        List<ForkJoinTask<Outcome<R>>> tasks = new ArrayList<>(items.size());
        for (T item : items) tasks.add(ForkJoinTask.adapt(() -> Outcome.of(() -> fn.apply(item))));
        invokeAll(tasks);
        List<R> out = new ArrayList<>(items.size());
        for (ForkJoinTask<Outcome<R>> t : tasks) out.add(t.join().get());
        return out;
    }

    /** A task's value, or what it threw. */
    private record Outcome<R>(R value, Throwable failure) {
        static <R> Outcome<R> of(Callable<R> work) {
            try {
                return new Outcome<>(work.call(), null);
            } catch (Throwable t) {
                return new Outcome<>(null, t);
            }
        }

        R get() {
            if (failure != null) throw rethrown(failure);
            return value;
        }
    }

    /** One item's work, which may fail with an I/O error. */
    @FunctionalInterface
    public interface IoAction<T> {
        void accept(T item) throws IOException;
    }

    /**
     * Runs {@code action} on every item, each thread taking the next item until none is left
     * (file work: mostly time in the kernel, which runs in parallel for different files). On
     * failure the items not yet started are skipped and the exception of the earliest failed
     * item is thrown as it was.
     */
    public <T> void forEach(List<T> items, IoAction<? super T> action) throws IOException {
        AtomicInteger next = new AtomicInteger();
        Throwable[] failures = new Throwable[items.size()];
        Runnable taker = () -> {
            for (int i = next.getAndIncrement(); i < items.size(); i = next.getAndIncrement()) {
                try {
                    action.accept(items.get(i));
                } catch (IOException | RuntimeException | Error e) {
                    failures[i] = e;
                    next.set(items.size()); // stop taking items
                }
            }
        };
        int takers = Math.min(items.size(), parallelism());
        if (takers <= 1) {
            taker.run();
        } else {
            List<ForkJoinTask<?>> tasks = new ArrayList<>(takers);
            for (int t = 0; t < takers; t++) tasks.add(ForkJoinTask.adapt(taker));
            invokeAll(tasks);
        }
        for (Throwable e : failures) {
            switch (e) {
                case null -> { }
                case IOException io -> throw io;
                case RuntimeException r -> throw r;
                case Error err -> throw err;
                default -> throw new IllegalStateException(e);
            }
        }
    }

    /** Runs the tasks on the pool and waits for all; on a worker of the pool, this thread helps. */
    private <T extends ForkJoinTask<?>> void invokeAll(List<T> tasks) {
        if (ForkJoinTask.inForkJoinPool() && ForkJoinTask.getPool() == pool) {
            ForkJoinTask.invokeAll(tasks);
        } else {
            pool.invoke(ForkJoinTask.adapt(() -> ForkJoinTask.invokeAll(tasks)));
        }
    }

    private static <R> R result(ForkJoinTask<R> task) {
        try {
            return task.get();
        } catch (ExecutionException e) {
            throw rethrown(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        }
    }

    /** A task's own exception, unwrapped, so it reads as if the caller had thrown it. */
    static RuntimeException rethrown(Throwable cause) {
        switch (cause) {
            case RuntimeException r -> throw r;
            case Error err -> throw err;
            default -> throw new IllegalStateException(cause);
        }
    }

    /** Stops the threads; tasks still running are interrupted. */
    @Override
    public void close() {
        if (pool == null) return;
        pool.shutdownNow();
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A result being computed beside the caller. */
    public static final class Task<T> {
        private final ForkJoinTask<T> running; // null: deferred to the caller
        private Callable<T> deferred;
        private boolean cancelled;

        private Task(ForkJoinTask<T> running, Callable<T> deferred) {
            this.running = running;
            this.deferred = deferred;
        }

        /** The result, or the task's own exception unwrapped. */
        public T join() {
            if (running == null) {
                if (cancelled) throw new CancellationException();
                try {
                    return deferred.call();
                } catch (Exception e) {
                    throw rethrown(e);
                }
            }
            return result(running);
        }

        /** Interrupts the task if it runs, and drops it if it has not started. */
        public void cancel() {
            cancelled = true;
            deferred = null;
            if (running != null) running.cancel(true);
        }
    }
}
