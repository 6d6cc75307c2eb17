package dev.fleetform.compiler.emit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * File work spread over the cores: each thread takes the next item until none is left. Writing
 * or deleting thousands of small files is mostly time in the kernel, which runs in parallel for
 * different files.
 */
final class Parallel {

    /** One item's work. */
    @FunctionalInterface
    interface Action<T> {
        void accept(T item) throws IOException;
    }

    private Parallel() {
    }

    /**
     * Runs {@code action} on every item and returns when all are done. On failure the remaining
     * items are skipped and the exception of the earliest failed item is thrown as it was.
     */
    static <T> void forEach(List<T> items, Action<? super T> action) throws IOException {
        int threads = Math.min(items.size(), Runtime.getRuntime().availableProcessors());
        AtomicInteger next = new AtomicInteger();
        Throwable[] failures = new Throwable[items.size()];
        Runnable worker = () -> {
            for (int i = next.getAndIncrement(); i < items.size(); i = next.getAndIncrement()) {
                try {
                    action.accept(items.get(i));
                } catch (IOException | RuntimeException | Error e) {
                    failures[i] = e;
                    next.set(items.size()); // stop taking items
                }
            }
        };
        List<Thread> helpers = new ArrayList<>();
        for (int t = 1; t < threads; t++) helpers.add(Thread.ofPlatform().daemon().name("fleetform-io").start(worker));
        worker.run();
        for (Thread t : helpers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
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
}
