package dev.fleetform.compiler.check;

import dev.fleetform.compiler.Stage;
import dev.fleetform.compiler.Validation;
import dev.fleetform.compiler.diag.Diagnostic;
import dev.fleetform.compiler.testing.Fleets;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs a fleet through the whole pipeline ({@link Fleets}) and keeps one rule's diagnostics.
 * It fails when the rules never ran (the fixture was refused by an earlier stage) or when the
 * rule is not registered in {@link Rules}, so a passing case cannot pass by accident.
 */
public final class RuleHarness {
    private RuleHarness() {
    }

    public static List<Diagnostic> diagnostics(Rule rule, String yaml) {
        assertTrue(Rules.all().stream().anyMatch(r -> r.getClass() == rule.getClass()),
                () -> rule.id() + " is not registered in Rules");
        Validation v = Fleets.validate(yaml);
        assertEquals(Stage.CHECK, v.reachedStage(),
                () -> "the rules never ran; an earlier stage refused the fixture:\n" + Fleets.render(v.diagnostics()));
        return v.diagnostics().stream().filter(d -> d.ruleId().equals(rule.id())).toList();
    }

    /** {@code fleet.yaml:line:col: error[ID]: message}, one per diagnostic of the rule. */
    public static List<String> rendered(Rule rule, String yaml) {
        return diagnostics(rule, yaml).stream().map(d -> Fleets.render(List.of(d))).toList();
    }

    public static List<String> hints(Rule rule, String yaml) {
        return diagnostics(rule, yaml).stream().map(Diagnostic::hint).toList();
    }
}
