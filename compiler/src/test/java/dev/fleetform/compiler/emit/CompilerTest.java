package dev.fleetform.compiler.emit;

import dev.fleetform.compiler.Validation;
import dev.fleetform.compiler.index.FleetIndex;
import dev.fleetform.compiler.model.Fleet;
import dev.fleetform.compiler.testing.Fleets;
import dev.fleetform.compiler.work.Workers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The emitters run concurrently; what the compile returns or throws must not show it. */
class CompilerTest {

    private static final Validation SAMPLE = Fleets.validate(Fleets.SAMPLE);
    /** Two threads whatever the cores, so the emitters below really run side by side. */
    private static final Workers TWO = Workers.of(2);

    @AfterAll
    static void close() {
        TWO.close();
    }

    private static List<Artefact> compile(Emitter... emitters) {
        return new Compiler(List.of(emitters)).compile(SAMPLE.fleet(), SAMPLE.index(), new EmitContext(Templates.builtIn(), TWO));
    }

    /** An emitter returning fixed files, or throwing. */
    private record Fixed(String area, List<Artefact> files, RuntimeException failure) implements Emitter {
        static Fixed files(String area, String... paths) {
            return new Fixed(area, List.of(paths).stream().map(p -> Artefact.text(p, p + "\n")).toList(), null);
        }

        static Fixed failing(String area, RuntimeException failure) {
            return new Fixed(area, List.of(), failure);
        }

        @Override
        public List<Artefact> emit(Fleet fleet, FleetIndex index, EmitContext ctx) {
            if (failure != null) throw failure;
            return files;
        }
    }

    @Test
    void artefactsComeSortedByPathWithTheManifestLast() {
        List<Artefact> out = compile(Fixed.files("z", "z/1", "a/9"), Fixed.files("m", "m/2", "b/1"));
        assertEquals(List.of("a/9", "b/1", "m/2", "z/1", Compiler.MANIFEST), out.stream().map(Artefact::path).toList());
        assertEquals(Compiler.manifest(out.subList(0, 4)).text(), out.get(4).text());
    }

    /** Whatever emitter finishes first; that a second process gives the same bytes is SeparateRunsTest's (cli). */
    @Test
    void theBuiltInEmittersGiveTheSameBytesEveryTime() {
        List<Artefact> first = Compiler.builtIn().compile(SAMPLE.fleet(), SAMPLE.index(), new EmitContext(Templates.builtIn(), TWO));
        for (int i = 0; i < 5; i++) {
            List<Artefact> again = Compiler.builtIn().compile(SAMPLE.fleet(), SAMPLE.index(), new EmitContext(Templates.builtIn(), TWO));
            assertEquals(first.getLast().text(), again.getLast().text(), "the manifest hashes every file");
        }
    }

    @Test
    void anEmittersExceptionSurfacesItself() {
        IllegalStateException boom = new IllegalStateException("template libvirt/domain.xml.ftlx: boom");
        RuntimeException thrown = assertThrows(RuntimeException.class,
                () -> compile(Fixed.files("a", "a/1"), Fixed.failing("b", boom), Fixed.files("c", "c/1")));
        assertSame(boom, thrown, "not wrapped in an ExecutionException");
    }

    /**
     * With one core the emitters run in order on the caller's thread, so the first fails before the
     * second starts; with more they run at once, and the first is made to fail only after the
     * second did. Either way the first one's exception is thrown, and the test checks that each
     * case happened as described rather than waiting for a timeout.
     */
    @Test
    void whenSeveralFailTheFirstInEmitterOrderWinsWhateverFinishesFirst() {
        Thread caller = Thread.currentThread();
        CountDownLatch secondFailed = new CountDownLatch(1);
        IllegalStateException first = new IllegalStateException("first");
        IllegalStateException second = new IllegalStateException("second");
        Emitter slowFirst = new Emitter() {
            @Override
            public String area() {
                return "slow";
            }

            @Override
            public List<Artefact> emit(Fleet fleet, FleetIndex index, EmitContext ctx) {
                if (Thread.currentThread() == caller) {
                    assertEquals(1, secondFailed.getCount(), "run in order: the second has not started");
                    throw first;
                }
                try {
                    assertTrue(secondFailed.await(60, TimeUnit.SECONDS), "the second emitter runs while the first does");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
                throw first;
            }
        };
        Emitter fastSecond = new Emitter() {
            @Override
            public String area() {
                return "fast";
            }

            @Override
            public List<Artefact> emit(Fleet fleet, FleetIndex index, EmitContext ctx) {
                secondFailed.countDown();
                throw second;
            }
        };
        assertSame(first, assertThrows(RuntimeException.class, () -> compile(slowFirst, fastSecond)));
    }

    @Test
    void twoEmittersWritingOnePathIsABugThatNamesTheSecond() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> compile(Fixed.files("a", "shared/x"), Fixed.files("b", "shared/x")));
        assertEquals("two artefacts at shared/x (emitter b)", e.getMessage());
    }

    @Test
    void aPathThatCouldEscapeTheOutputIsRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> compile(Fixed.files("a", "a/../../etc/passwd")));
        assertEquals("unsafe artefact path: a/../../etc/passwd", e.getMessage());
    }
}
