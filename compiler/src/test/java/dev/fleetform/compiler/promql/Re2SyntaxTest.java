package dev.fleetform.compiler.promql;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Label matcher regular expressions follow RE2 (Go), not java.util.regex. */
class Re2SyntaxTest {

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
}
