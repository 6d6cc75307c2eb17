package dev.fleetform.compiler.gotemplate;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleetform.compiler.emit.ExternalTool;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the real {@code promtool check rules} (Prometheus 2.42, as CI installs it) once over the
 * whole template corpus, one alert rule per template in one rules file, and requires for every
 * template that promtool still gives the verdict recorded in the corpus (so it cannot rot) and
 * that the port gives the same. Fails, never skips, when promtool is missing.
 */
class PromtoolTemplateAgreementTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ERROR = Pattern.compile("rule (\\d+), \"T\": annotation \"summary\": (.*)$");
    private static final Map<Integer, String> PROMTOOL = new HashMap<>();

    @TempDir
    static Path dir;

    static List<TemplateCorpus.Entry> corpus() {
        return TemplateCorpus.entries();
    }

    @BeforeAll
    static void runPromtoolOnce() throws IOException {
        StringBuilder rules = new StringBuilder("groups:\n- name: corpus\n  rules:\n");
        for (TemplateCorpus.Entry e : corpus()) {
            rules.append("  - alert: ").append(TemplateCorpus.ALERT).append("\n    expr: up == 0\n")
                    .append("    annotations:\n      summary: ").append(JSON.writeValueAsString(e.template())).append('\n');
        }
        Files.writeString(dir.resolve("corpus.yml"), rules, StandardCharsets.UTF_8);
        ExternalTool.Result r = ExternalTool.run(dir, "promtool", "check", "rules", "corpus.yml");
        for (String line : (r.out() + r.err()).split("\n")) {
            Matcher m = ERROR.matcher(line);
            if (m.find()) PROMTOOL.put(Integer.parseInt(m.group(1)) - 1, m.group(2));
        }
        // A rules file promtool could not read at all would leave every template "accepted".
        assertTrue(r.exit() == 0 ? r.out().contains("SUCCESS") : !PROMTOOL.isEmpty(), r::describe);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void recordedVerdictAndPortAgreeWithPromtool(TemplateCorpus.Entry entry) {
        String promtool = PROMTOOL.getOrDefault(entry.index(), "accepted");
        assertEquals(promtool, entry.promtool(), "the recorded verdict is stale (rerun scripts/template-corpus.py)");
        assertEquals(promtool, TemplateCorpus.verdict(entry.template()), entry.template());
    }
}
