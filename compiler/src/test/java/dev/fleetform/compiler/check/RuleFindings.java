package dev.fleetform.compiler.check;

import dev.fleetform.compiler.Validation;
import dev.fleetform.compiler.diag.Diagnostic;
import dev.fleetform.compiler.testing.Fleets;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** One rule's findings on a fleet written as YAML, rendered as the user reads them. */
public final class RuleFindings {
    private RuleFindings() {
    }

    /** {@code fleet.yaml:17:46: error[RAID-MEMBERS]: message} for each finding of the rule. */
    public static List<String> lines(String ruleId, String yaml) {
        List<String> out = new ArrayList<>();
        for (Diagnostic d : of(ruleId, yaml)) out.add(line(d));
        return out;
    }

    /** The hints of the rule's findings, in the same order as {@link #lines}. */
    public static List<String> hints(String ruleId, String yaml) {
        List<String> out = new ArrayList<>();
        for (Diagnostic d : of(ruleId, yaml)) out.add(d.hint());
        return out;
    }

    /**
     * The rule's findings. Fails when the fleet stopped before the rules ran (a schema or bind
     * error in the fixture), so an empty answer always means the rule found nothing.
     */
    public static List<Diagnostic> of(String ruleId, String yaml) {
        Validation v = Fleets.validate(yaml);
        if (v.fleet() == null) fail("the fixture did not reach the rules:\n" + render(v.diagnostics()));
        List<Diagnostic> out = new ArrayList<>();
        for (Diagnostic d : v.diagnostics()) {
            if (d.ruleId().equals(ruleId)) out.add(d);
        }
        return out;
    }

    /** The fleet is valid as a whole: no rule at all complains. */
    public static void assertValid(String yaml) {
        Validation v = Fleets.validate(yaml);
        assertTrue(v.valid() && v.fleet() != null, () -> "expected a valid fleet, got:\n" + render(v.diagnostics()));
    }

    private static String line(Diagnostic d) {
        return d.location() + ": " + d.severity().label() + "[" + d.ruleId() + "]: " + d.message();
    }

    private static String render(List<Diagnostic> ds) {
        StringBuilder b = new StringBuilder();
        for (Diagnostic d : ds) b.append(line(d)).append("\n    hint: ").append(d.hint()).append('\n');
        return b.toString();
    }
}
