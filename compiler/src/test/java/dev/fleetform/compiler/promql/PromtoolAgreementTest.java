package dev.fleetform.compiler.promql;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs the real {@code promtool check rules} (Prometheus 2.42, as CI installs it) over the corner
 * cases in {@code resources/promql/promtool-cases.jsonl} and requires the same verdict, position
 * and message from {@link PromQl#check}. The cases were chosen to reach every error message
 * and grammar context (many from random mutations of the corpus), plus multi-line expressions.
 * Fails, never skips, when promtool is missing.
 */
class PromtoolAgreementTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ERROR =
            Pattern.compile("rule (\\d+), \"A\\d+\": could not parse expression: (\\d+):(\\d+): parse error: (.*)$");
    private static final Map<Integer, String> PROMTOOL = new HashMap<>();

    static List<String> cases() throws IOException {
        List<String> out = new ArrayList<>();
        var in = PromtoolAgreementTest.class.getResourceAsStream("/promql/promtool-cases.jsonl");
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) out.add(JSON.readTree(line).get("expr").asText());
            }
        }
        return out;
    }

    @BeforeAll
    static void runPromtool() throws Exception {
        PROMTOOL.putAll(promtool(cases()));
    }

    /**
     * promtool's verdict on each expression, run as one rule file: {@code line:col: message} by
     * index, for those it refuses.
     */
    static Map<Integer, String> promtool(List<String> exprs) throws IOException, InterruptedException {
        StringBuilder rules = new StringBuilder("groups:\n- name: g\n  rules:\n");
        for (int i = 0; i < exprs.size(); i++) {
            rules.append("  - alert: A").append(i).append("\n    expr: ").append(JSON.writeValueAsString(exprs.get(i))).append('\n');
        }
        Map<Integer, String> verdicts = new HashMap<>();
        Path file = Files.createTempFile("promtool-cases", ".yml");
        try {
            Files.writeString(file, rules, StandardCharsets.UTF_8);
            Process p;
            try {
                p = new ProcessBuilder("promtool", "check", "rules", file.toString()).redirectErrorStream(true).start();
            } catch (IOException e) {
                fail("promtool is not installed (Debian package 'prometheus', 2.42); this test needs it: " + e.getMessage());
                return verdicts;
            }
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "promtool did not finish");
            for (String line : output.split("\n")) {
                Matcher m = ERROR.matcher(line);
                if (m.find()) verdicts.putIfAbsent(Integer.parseInt(m.group(1)) - 1, m.group(2) + ":" + m.group(3) + ": " + m.group(4));
            }
            assertTrue(output.contains("SUCCESS") || !verdicts.isEmpty(), () -> "unexpected promtool output:\n" + output);
        } finally {
            Files.deleteIfExists(file);
        }
        return verdicts;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void agreesWithPromtool(String expr) throws IOException {
        int index = cases().indexOf(expr);
        String promtool = PROMTOOL.getOrDefault(index, "accepted");
        Optional<PromQlError> ours = PromQl.check(expr);
        assertEquals(promtool, ours.map(e -> lineColumn(expr, e.offset()) + ": " + e.message()).orElse("accepted"), expr);
    }

    /** Prometheus' {@code line:col} for an offset (the expressions here are ASCII). */
    static String lineColumn(String expr, int offset) {
        int line = 1;
        int lastBreak = -1;
        for (int i = 0; i < offset; i++) {
            if (expr.charAt(i) == '\n') {
                line++;
                lastBreak = i;
            }
        }
        return line + ":" + (offset - lastBreak);
    }
}
