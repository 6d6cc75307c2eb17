package dev.fleetform.compiler.promql;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PrometheusDurationTest {

    private static String problem(String text) {
        String[] p = {null};
        PrometheusDuration.parse(text, m -> p[0] = m);
        return p[0];
    }

    @Test
    void unitsInOrderEachOnce() {
        assertEquals(Optional.of(Duration.ofMinutes(5)), PrometheusDuration.parse("5m"));
        assertEquals(Optional.of(Duration.ofMinutes(90)), PrometheusDuration.parse("1h30m"));
        assertEquals(Optional.of(Duration.ofMillis(1500)), PrometheusDuration.parse("1s500ms"));
        assertEquals(Optional.of(Duration.ofDays(365 + 14 + 1)), PrometheusDuration.parse("1y2w1d"));
        assertEquals(Optional.of(Duration.ZERO), PrometheusDuration.parse("0"));
        assertEquals(Optional.of(Duration.ZERO), PrometheusDuration.parse("0s"));
    }

    @Test
    void anythingElseIsRefusedWithPrometheusMessage() {
        for (String bad : new String[] {"30m1h", "1h1h", "5", "1.5h", "m", "5mm", "5 m", "-5m", "5M", "1d1y"}) {
            assertEquals(Optional.empty(), PrometheusDuration.parse(bad), bad);
        }
        assertEquals("not a valid duration string: \"30m1h\"", problem("30m1h"));
        assertEquals("empty duration string", problem(""));
    }

    @Test
    void aboutTwoHundredNinetyYearsIsTheLimit() {
        assertEquals(Optional.of(Duration.ofDays(292 * 365)), PrometheusDuration.parse("292y"));
        assertEquals("duration out of range", problem("293y"));
        assertEquals("duration out of range", problem("99999999999999999999s"));
    }
}
