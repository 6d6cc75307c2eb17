package dev.fleetform.compiler.work;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkersTest {
    private static final List<Integer> ITEMS = IntStream.range(0, 200).boxed().toList();

    @Test
    void mapKeepsTheItemsOrderOnEveryPool() {
        List<Integer> squares = ITEMS.stream().map(i -> i * i).toList();
        try (Workers one = Workers.callerOnly(); Workers three = Workers.of(3)) {
            assertEquals(squares, one.map(ITEMS, i -> i * i));
            assertEquals(squares, three.map(ITEMS, i -> i * i));
        }
    }

    @Test
    void mapRunsOnThePoolsThreadsAndNowhereElse() {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        try (Workers three = Workers.of(3)) {
            three.map(ITEMS, i -> threads.add(Thread.currentThread().getName()));
        }
        assertFalse(threads.isEmpty());
        assertTrue(threads.stream().allMatch(n -> n.startsWith("fleetform-")), threads::toString);
    }

    @Test
    void nestedWorkOnTheSamePoolDoesNotDeadlock() {
        try (Workers two = Workers.of(2)) {
            List<Integer> sums = two.map(ITEMS.subList(0, 8), i -> two.map(ITEMS, j -> i + j).stream().mapToInt(x -> x).sum());
            assertEquals(ITEMS.stream().mapToInt(x -> x).sum() + 200 * 7, (int) sums.get(7));
        }
    }

    @Test
    void theFirstFailureInListOrderIsThrownWhateverFinishesFirst() {
        CountDownLatch laterFailed = new CountDownLatch(1);
        IllegalStateException first = new IllegalStateException("first");
        IllegalStateException later = new IllegalStateException("later");
        try (Workers two = Workers.of(2)) {
            RuntimeException thrown = assertThrows(RuntimeException.class, () -> two.map(List.of(0, 1), i -> {
                if (i == 1) {
                    laterFailed.countDown();
                    throw later;
                }
                await(laterFailed);
                throw first;
            }));
            assertSame(first, thrown);
        }
    }

    @Test
    void forEachDoesEveryItemOnceAndRethrowsAnIoErrorAsItWas() throws IOException {
        Set<Integer> seen = ConcurrentHashMap.newKeySet();
        try (Workers three = Workers.of(3)) {
            three.forEach(ITEMS, i -> assertTrue(seen.add(i), "twice: " + i));
            assertEquals(ITEMS.size(), seen.size());
            IOException disk = new IOException("No space left on device");
            assertSame(disk, assertThrows(IOException.class, () -> three.forEach(ITEMS, i -> {
                if (i == 50) throw disk;
            })));
        }
    }

    @Test
    void aForkedTaskCancelledBeforeItsResultIsAskedForNeverRunsWithoutThreads() {
        AtomicBoolean ran = new AtomicBoolean();
        Workers.Task<Boolean> task = Workers.callerOnly().fork(() -> ran.getAndSet(true));
        task.cancel();
        assertFalse(ran.get());
        assertEquals(false, Workers.callerOnly().fork(() -> ran.get()).join());
    }

    @Test
    void cancellingARunningTaskInterruptsIt() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        try (Workers two = Workers.of(2)) {
            Workers.Task<Object> task = two.fork(() -> {
                started.countDown();
                while (!Thread.currentThread().isInterrupted()) Thread.onSpinWait();
                stopped.countDown();
                return null;
            });
            assertTrue(started.await(5, TimeUnit.SECONDS));
            task.cancel();
            assertTrue(stopped.await(5, TimeUnit.SECONDS), "the task saw the interrupt");
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(5, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
