package dev.fleetform.compiler.plan;

import dev.fleetform.changes.Action;
import dev.fleetform.changes.FieldChange;
import dev.fleetform.changes.Plan;
import dev.fleetform.changes.ResourceChange;
import dev.fleetform.changes.Risk;
import dev.fleetform.compiler.Validation;
import dev.fleetform.compiler.emit.EmitContext;
import dev.fleetform.compiler.emit.Templates;
import dev.fleetform.compiler.testing.Fleets;

import java.util.Set;

/** Plans between two fleet texts, each validated and compiled as the CLI does. */
final class PlanFixtures {
    private PlanFixtures() {
    }

    static PlanInput input(String yaml) {
        return input(yaml, Templates.builtIn());
    }

    static PlanInput input(String yaml, Templates templates) {
        Validation v = Fleets.validate(yaml);
        if (!v.valid()) throw new AssertionError("fixture is not valid:\n" + Fleets.render(v.diagnostics()));
        return PlanInput.of(v.fleet(), v.index(), new EmitContext(templates));
    }

    static Plan plan(String base, String head, String... approved) {
        return Planner.plan(input(base), input(head), Set.of(approved));
    }

    static ResourceChange only(Plan plan, String address) {
        return plan.changes().stream().filter(c -> c.address().text().equals(address)).findFirst()
                .orElseThrow(() -> new AssertionError("no change at " + address + " in " + plan.changes().stream().map(c -> c.address().text()).toList()));
    }
}
