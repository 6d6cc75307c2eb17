package dev.fleetform.compiler.promql;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Prometheus' duration syntax ({@code model.ParseDuration} of prometheus/common): an optional
 * sequence of number-unit pairs in the order y w d h m s ms, each unit at most once, or a bare
 * {@code 0}. A year is 365 days. The total must fit in Go's int64 nanoseconds (about 292 years).
 */
public final class PrometheusDuration {
    private static final String[] UNITS = {"y", "w", "d", "h", "m", "s", "ms"};
    private static final long[] UNIT_MILLIS = {365L * 86_400_000, 7L * 86_400_000, 86_400_000, 3_600_000, 60_000, 1000, 1};

    private PrometheusDuration() {
    }

    /** The duration, or empty when Prometheus would refuse the text. */
    public static Optional<Duration> parse(String text) {
        return Optional.ofNullable(parse(text, problem -> {
        }));
    }

    /** The duration, or null after telling {@code problem} Prometheus' error message. */
    static Duration parse(String text, Consumer<String> problem) {
        if (text.equals("0")) return Duration.ZERO;
        if (text.isEmpty()) {
            problem.accept("empty duration string");
            return null;
        }
        long nanos = 0;
        boolean overflow = false;
        int pos = 0;
        int nextUnit = 0;
        while (pos < text.length()) {
            int digitsEnd = pos;
            while (digitsEnd < text.length() && text.charAt(digitsEnd) >= '0' && text.charAt(digitsEnd) <= '9') digitsEnd++;
            int unit = digitsEnd == pos ? -1 : unitAt(text, digitsEnd, nextUnit);
            if (unit < 0) {
                problem.accept("not a valid duration string: " + GoText.quote(text));
                return null;
            }
            try {
                long n = Long.parseLong(text, pos, digitsEnd, 10);
                nanos = Math.addExact(nanos, Math.multiplyExact(Math.multiplyExact(n, UNIT_MILLIS[unit]), 1_000_000L));
            } catch (NumberFormatException | ArithmeticException e) {
                overflow = true; // Go keeps parsing, then reports the overflow
            }
            pos = digitsEnd + UNITS[unit].length();
            nextUnit = unit + 1;
        }
        if (overflow) {
            problem.accept("duration out of range");
            return null;
        }
        return Duration.ofNanos(nanos);
    }

    /** The unit written at {@code at} if it is {@code from} or a later one; "m" is not "ms". */
    private static int unitAt(String text, int at, int from) {
        for (int u = UNITS.length - 1; u >= from; u--) {
            if (text.startsWith(UNITS[u], at)) return u;
        }
        return -1;
    }
}
