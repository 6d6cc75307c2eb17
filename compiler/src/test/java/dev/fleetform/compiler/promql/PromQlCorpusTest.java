package dev.fleetform.compiler.promql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shared corpus (resources/promql, see its README for the source and licence): real alert
 * expressions promtool 2.42 accepted, and one-edit mutations it rejected, with its message.
 * Every verdict must agree; every rejection must be at promtool's column with its message.
 */
class PromQlCorpusTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PROMTOOL = Pattern.compile("could not parse expression: (\\d+):(\\d+): parse error: (.*)$");

    static Stream<Arguments> valid() {
        return lines("valid.jsonl");
    }

    static Stream<Arguments> invalid() {
        return lines("invalid.jsonl");
    }

    @ParameterizedTest(name = "valid.jsonl:{0}")
    @MethodSource("valid")
    void promtoolAcceptedIsAccepted(int line, JsonNode entry) {
        String expr = entry.get("expr").asText();
        Optional<PromQlError> error = PromQl.check(expr);
        assertTrue(error.isEmpty(), () -> "promtool accepts " + expr + " but we say " + error.get());
    }

    @ParameterizedTest(name = "invalid.jsonl:{0}")
    @MethodSource("invalid")
    void promtoolRejectedIsRejectedAtItsColumnWithItsMessage(int line, JsonNode entry) {
        String expr = entry.get("expr").asText();
        Matcher promtool = PROMTOOL.matcher(entry.get("promtool").asText());
        assertTrue(promtool.find(), "unreadable promtool field on line " + line);
        assertEquals(1, Integer.parseInt(promtool.group(1)), "corpus expressions are one line");

        Optional<PromQlError> error = PromQl.check(expr);
        assertTrue(error.isPresent(), () -> "promtool rejects " + expr + " (" + promtool.group(3) + ") but we accept it");
        assertEquals(promtool.group(3), error.get().message(), expr);
        assertEquals(Integer.parseInt(promtool.group(2)) - 1, error.get().offset(), expr);
    }

    private static Stream<Arguments> lines(String file) {
        var in = PromQlCorpusTest.class.getResourceAsStream("/promql/" + file);
        List<Arguments> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String l;
            int n = 0;
            while ((l = r.readLine()) != null) {
                n++;
                if (!l.isBlank()) out.add(Arguments.of(n, JSON.readTree(l)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.stream();
    }
}
