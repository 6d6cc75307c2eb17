package dev.fleetform.compiler.gotemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code resources/gotemplate/promtool-templates.jsonl}: alert templates with the verdict of
 * {@code promtool check rules} (Prometheus 2.42) beside each, written by
 * scripts/template-corpus.py. Every template was checked as the summary of an alert named T.
 */
final class TemplateCorpus {
    static final String ALERT = "T";

    /** @param promtool "accepted", or promtool's error for the template */
    record Entry(int index, String template, String promtool) {
        @Override
        public String toString() { // the test's display name
            return index + ": " + template.replace("\n", "\\n");
        }
    }

    private TemplateCorpus() {
    }

    static List<Entry> entries() {
        ObjectMapper json = new ObjectMapper();
        List<Entry> out = new ArrayList<>();
        var in = TemplateCorpus.class.getResourceAsStream("/gotemplate/promtool-templates.jsonl");
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) continue;
                JsonNode n = json.readTree(line);
                out.add(new Entry(out.size(), n.get("template").asText(), n.get("promtool").asText()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Our verdict in promtool's words: "accepted" or Go's error. */
    static String verdict(String template) {
        return PrometheusTemplates.check(ALERT, template).map(TemplateError::goError).orElse("accepted");
    }
}
