package dev.fleetform.compiler.promql;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Token boundaries and lexer errors of lex.go; error offsets are promtool's column - 1. */
class LexerTest {

    private static List<String> tokens(String input) {
        Lexer lexer = new Lexer(input);
        List<String> out = new ArrayList<>();
        for (Token t = lexer.next(); t.type() != TokenType.EOF; t = lexer.next()) {
            out.add(t.type() + ":" + t.val() + "@" + t.pos());
        }
        return out;
    }

    private static String error(String input) {
        Lexer lexer = new Lexer(input);
        PromQlException e = assertThrows(PromQlException.class, () -> {
            while (lexer.next().type() != TokenType.EOF) {
                // drain
            }
        });
        return e.offset + ": " + e.getMessage();
    }

    @Test
    void keywordsAreCaseInsensitiveAndInfNanAreNumbers() {
        assertEquals(List.of("SUM:SUM@0", "BY:By@4", "NUMBER:Inf@7", "NUMBER:nan@11", "IDENTIFIER:Rate@15"),
                tokens("SUM By Inf nan Rate"));
    }

    @Test
    void colonsMakeMetricIdentifiers() {
        assertEquals(List.of("METRIC_IDENTIFIER:job:rate5m@0", "METRIC_IDENTIFIER::x@11"), tokens("job:rate5m :x"));
    }

    @Test
    void insideBracketsComesADurationThenLettersAreTheColon() {
        assertEquals(List.of("IDENTIFIER:x@0", "LEFT_BRACKET:[@1", "DURATION:5m@3", "COLON:x@6", "RIGHT_BRACKET:]@7"),
                tokens("x[ 5m x]"));
    }

    @Test
    void numbersAndDurationsOutsideBrackets() {
        assertEquals(List.of("NUMBER:0x1F@0", "NUMBER:1e-3@5", "NUMBER:.5@10", "DURATION:1h30m@13", "NUMBER:5.@19"),
                tokens("0x1F 1e-3 .5 1h30m 5."));
    }

    @Test
    void insideBracesKeywordsAreIdentifiersAndMatchOperatorsLex() {
        assertEquals(List.of("LEFT_BRACE:{@0", "IDENTIFIER:by@1", "EQL_REGEX:=~@3", "STRING:\"a\"@5", "COMMA:,@8",
                        "IDENTIFIER:on@9", "NEQ_REGEX:!~@11", "STRING:`b`@13", "RIGHT_BRACE:}@16"),
                tokens("{by=~\"a\",on!~`b`}"));
    }

    @Test
    void commentsAreSkipped() {
        assertEquals(List.of("IDENTIFIER:x@0", "GTR:>@13"), tokens("x # comment\n >"));
    }

    @Test
    void errorsAtPrometheusPositions() {
        assertEquals("2: unexpected right parenthesis ')'", error("x)"), "reported after the ')'");
        assertEquals("2: unclosed left parenthesis", error("(x"));
        assertEquals("4: unclosed left bracket", error("x[5m"));
        assertEquals("2: missing unit character in duration", error("x[5]"));
        assertEquals("2: bad duration syntax: \"5\"", error("x[5x]"));
        assertEquals("0: bad number or duration syntax: \"5\"", error("5x"));
        assertEquals("0: unexpected character after '=': '~'", error("=~"));
        assertEquals("1: unexpected character after '!': ' '", error("x! y"));
        assertEquals("2: unexpected character inside braces: '>'", error("{a>\"b\"}"));
        assertEquals("3: unexpected end of input inside braces", error("{a="));
        assertEquals("7: unexpected colon ':'", error("x[5m:1m:]"));
        assertEquals("0: unexpected character: '€'", error("€"));
    }

    @Test
    void stringErrorsPointAtTheOpeningQuote() {
        assertEquals("2: unterminated quoted string", error("x \"abc"));
        assertEquals("0: unknown escape sequence U+0071 'q'", error("\"\\q\""));
        assertEquals("0: illegal character U+005A 'Z' in escape sequence", error("\"\\xZZ\""));
        assertEquals("0: escape sequence is an invalid Unicode code point", error("\"\\ud800\""));
        assertEquals("0: unterminated raw string", error("`abc"));
        assertEquals("0: unknown escape sequence U+0027 '''", error("\"\\'\""), "\\' only in single quotes");
    }
}
