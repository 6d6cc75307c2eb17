package dev.fleetform.compiler.promql;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Label matcher regexes made of random pieces of RE2 syntax, valid and broken (seeded, so the same
 * 2,000 every run), checked by the real promtool: {@link PromQl#check} must give each one
 * promtool's verdict, column and message.
 */
class PromtoolRegexFuzzTest {
    private static final List<String> PIECES = List.of(
            "a", "b", "é", " ", ",", "-", "(", ")", "(?:", "(?P<n>", "(?P<n2>", "(?P<>", "(?P<1a>", "(?<n>", "(?P=n)",
            "(?i)", "(?i:", "(?U)", "(?s)", "(?m)", "(?-i)", "(?i-s:", "(?z)", "(?=", "(?!", "(?#x)", "(?-)", "(?)", "(?^)",
            "[", "]", "[^", "a-z", "z-a", "[:alpha:]", "[:foo:]", "[[:^digit:]]", "*", "+", "?", "*?", "+?", "??",
            "{2}", "{1,3}", "{2,}", "{1001}", "{0}", "{,3}", "{3,1}", "{01}", "{", "}", "{10}", "{101}", "|", "^", "$", ".",
            "\\d", "\\D", "\\w", "\\s", "\\b", "\\B", "\\A", "\\z", "\\Z", "\\C", "\\Q", "\\E", "\\pL", "\\p{Greek}",
            "\\p{^Greek}", "\\PL", "\\p{Foo}", "\\p{Any}", "\\p{Han}", "\\pZ", "\\p", "\\x41", "\\x{263a}", "\\x{110000}",
            "\\x4", "\\x{", "\\0", "\\01", "\\8", "\\1", "\\a", "\\f", "\\t", "\\n", "\\v", "\\h", "\\K", "\\g", "\\k<n>",
            "\\u0041", "\\.", "\\*", "\\\\", "\\-", "\\[", "\\]", "\\{", "\\}", "\\é", "\\");

    @Test
    void randomRegexesGetPromtoolsVerdict() throws Exception {
        Random random = new Random(20261202);
        TreeSet<String> regexes = new TreeSet<>();
        while (regexes.size() < 2000) {
            StringBuilder re = new StringBuilder();
            for (int n = 1 + random.nextInt(7); n > 0; n--) re.append(PIECES.get(random.nextInt(PIECES.size())));
            regexes.add(re.toString());
        }
        List<String> exprs = new ArrayList<>();
        for (String re : regexes) exprs.add("x{a=~`" + re + "`}");
        Map<Integer, String> promtool = PromtoolAgreementTest.promtool(exprs);
        assertTrue(promtool.size() > 500 && promtool.size() < 1900, "a mix of accepted and refused: " + promtool.size());
        List<String> disagreements = new ArrayList<>();
        for (int i = 0; i < exprs.size(); i++) {
            String expr = exprs.get(i);
            String ours = PromQl.check(expr).map(e -> PromtoolAgreementTest.lineColumn(expr, e.offset()) + ": " + e.message()).orElse("accepted");
            String theirs = promtool.getOrDefault(i, "accepted");
            if (!ours.equals(theirs)) disagreements.add(expr + "\n  promtool: " + theirs + "\n  ours:     " + ours);
        }
        assertEquals(List.of(), disagreements);
    }
}
