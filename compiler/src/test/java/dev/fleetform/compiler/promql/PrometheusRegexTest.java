package dev.fleetform.compiler.promql;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Label matcher regular expressions follow Go's regexp (RE2/J, corrected where it differs), not java.util.regex. */
class PrometheusRegexTest {

    private static String check(String regex) {
        Optional<PromQlError> e = PromQl.check("x{a=~`" + regex + "`}");
        return e.map(PromQlError::message).orElse("ok");
    }

    @Test
    void re2FormsJavaSpellsDifferentlyAreAccepted() {
        assertEquals("ok", check("(?P<name>a+)"));
        assertEquals("ok", check("[[:alpha:]][[:^digit:]]"));
        assertEquals("ok", check("{foo}"), "a '{' that is no repetition is a literal");
        assertEquals("ok", check("\\x{263a}\\pL\\p{Greek}\\0\\v"));
        assertEquals("ok", check("(?i)abc(?U)d*"));
        assertEquals("ok", check("[]a]"));
    }

    @Test
    void whatRe2RefusesIsRefusedWithGoMessages() {
        assertEquals("error parsing regexp: invalid or unsupported Perl syntax: `(?=`", check("(?=a)"));
        assertEquals("error parsing regexp: invalid escape sequence: `\\1`", check("(a)\\1"));
        assertEquals("error parsing regexp: invalid nested repetition operator: `*+`", check("a*+"));
        assertEquals("error parsing regexp: invalid repeat count: `{2000}`", check("a{2000}"));
        assertEquals("error parsing regexp: missing argument to repetition operator: `*`", check("*"));
        assertEquals("error parsing regexp: invalid character class range: `z-a`", check("[z-a]"));
        assertEquals("error parsing regexp: invalid character class range: `\\p{Foo}`", check("\\p{Foo}"));
        assertEquals("error parsing regexp: invalid escape sequence: `\\h`", check("\\h"));
    }

    @Test
    void parenthesesAreCheckedAsPrometheusWrapsTheExpression() {
        assertEquals("error parsing regexp: missing closing ): `^(?:(a)$`", check("(a"));
        assertEquals("error parsing regexp: unexpected ): `^(?:a))$`", check("a)"));
        // ^(?:a)|(b)$ is valid, so the error comes from parsing the expression alone.
        assertEquals("error parsing regexp: unexpected ): `a)|(b`", check("a)|(b"));
        assertEquals("error parsing regexp: missing closing ]: `[a)$`", check("[a"));
    }

    @Test
    void goLimitsThatRe2jLacksAreEnforced() {
        assertEquals("error parsing regexp: invalid repeat count: `{101}`", check("(a{10}){101}"));
        assertEquals("error parsing regexp: invalid repeat count: `{11}?`", check("((a{10}){10}){11}?"));
        assertEquals("ok", check("(a{10}){100}"));
        String deep = "(".repeat(999) + "a" + ")".repeat(999);
        assertEquals("error parsing regexp: expression nests too deeply: `^(?:" + deep + ")$`", check(deep));
        assertEquals("ok", check("(".repeat(998) + "a" + ")".repeat(998)));
        assertEquals("ok", check("(?:".repeat(5000) + "a" + ")".repeat(5000)), "a group that captures nothing adds no depth");
    }

    @Test
    void whereRe2jDiffersFromGoGoWins() {
        assertEquals("ok", check("(?P<n>a)|(?P<n>b)"), "Go 1.19 allows a capture name twice");
        assertEquals("ok", check("{*a{+"), "a '{' without a count is a literal, which may be repeated");
        assertEquals("error parsing regexp: invalid escape sequence: `\\é`", check("a\\é"));
        assertEquals("error parsing regexp: invalid or unsupported Perl syntax: `(?<`", check("(?<n>a)"));
        assertEquals("error parsing regexp: invalid named capture: `(?P<>`", check("(?P<>a)"));
    }

    @Test
    void aHugeNestingIsRefusedWithoutAStackOverflow() {
        String deep = "(".repeat(20_000) + "a" + ")".repeat(20_000);
        assertEquals(true, check(deep).startsWith("error parsing regexp: expression nests too deeply: "));
    }
}
