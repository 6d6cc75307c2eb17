package dev.fleetform.cli.output;

import dev.fleetform.compiler.diag.Diagnostic;
import dev.fleetform.compiler.diag.Location;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DiagnosticFormatTest {

    private static String text(Diagnostic d) {
        StringWriter out = new StringWriter();
        try (PrintWriter w = new PrintWriter(out)) {
            DiagnosticFormat.TEXT.render(List.of(d), "fleet.yaml: invalid: 1 error", w);
        }
        return out.toString();
    }

    /** Found by FuzzTest: SnakeYAML's message for "- *" quotes the newline it found, which broke the line in two. */
    @Test
    void aDiagnosticIsOneLineWhateverItsMessageQuotes() {
        Diagnostic d = Diagnostic.error("YAML-SYNTAX", new Location("fleet.yaml", 16, 6),
                "unexpected character found \n(10) (while scanning an alias)", "a\u2028b\u0085c\rd\u202ee\u0000f\tg");
        assertEquals(String.join(System.lineSeparator(),
                "fleet.yaml:16:6: error[YAML-SYNTAX]: unexpected character found \\n(10) (while scanning an alias)",
                "  hint: a\\u2028b\\u0085c\\rd\\u202ee\\u0000f\tg",
                "fleet.yaml: invalid: 1 error", ""), text(d));
    }

    @Test
    void ordinaryTextIsPrintedAsItIs() {
        Diagnostic d = Diagnostic.error("SCHEMA-PATTERN", new Location("fleet.yaml", 3, 9), "'é🚀 Ω' is not a valid name", null);
        assertEquals("fleet.yaml:3:9: error[SCHEMA-PATTERN]: 'é🚀 Ω' is not a valid name" + System.lineSeparator()
                + "fleet.yaml: invalid: 1 error" + System.lineSeparator(), text(d));
    }
}
