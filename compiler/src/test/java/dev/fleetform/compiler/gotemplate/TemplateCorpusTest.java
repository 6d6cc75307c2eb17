package dev.fleetform.compiler.gotemplate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The port gives promtool's recorded verdict for every template of the corpus: the same
 * acceptance, and for a refusal Go's exact error (message and line). Needs no promtool;
 * {@link PromtoolTemplateAgreementTest} keeps the recorded verdicts true.
 */
class TemplateCorpusTest {

    static List<TemplateCorpus.Entry> corpus() {
        return TemplateCorpus.entries();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void agreesWithTheRecordedPromtoolVerdict(TemplateCorpus.Entry entry) {
        assertEquals(entry.promtool(), TemplateCorpus.verdict(entry.template()), entry.template());
    }
}
