package dev.fleetform.compiler.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Saturating sums and products agree with exact arithmetic wherever that fits a long, and stop at its ends. */
class SaturatingTest {
    private static final List<Long> VALUES = List.of(0L, 1L, -1L, 2L, 4096L, (long) Integer.MAX_VALUE, (long) Integer.MIN_VALUE,
            1L << 32, 3037000499L, 3037000500L, -3037000500L, Long.MAX_VALUE / 2, Long.MAX_VALUE, Long.MIN_VALUE + 1, Long.MIN_VALUE);
    private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger MIN = BigInteger.valueOf(Long.MIN_VALUE);

    private static long clamp(BigInteger exact) {
        return exact.max(MIN).min(MAX).longValueExact();
    }

    @Test
    void addAndMultiplyAreExactOrAtTheEnds() {
        for (long a : VALUES) {
            for (long b : VALUES) {
                BigInteger x = BigInteger.valueOf(a), y = BigInteger.valueOf(b);
                assertEquals(clamp(x.add(y)), Saturating.add(a, b), a + " + " + b);
                assertEquals(clamp(x.multiply(y)), Saturating.multiply(a, b), a + " × " + b);
            }
        }
    }
}
