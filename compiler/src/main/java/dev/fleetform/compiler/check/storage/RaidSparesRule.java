package dev.fleetform.compiler.check.storage;

import dev.fleetform.compiler.check.CheckContext;
import dev.fleetform.compiler.check.InheritedFindings;
import dev.fleetform.compiler.check.Reporter;
import dev.fleetform.compiler.check.Rule;
import dev.fleetform.compiler.model.Host;
import dev.fleetform.compiler.model.RaidArray;
import dev.fleetform.compiler.model.RaidLevel;

/** {@code RAID-SPARES}: a RAID0 array has no spares: there is no redundancy to rebuild onto one. */
public final class RaidSparesRule implements Rule {

    @Override
    public String id() {
        return "RAID-SPARES";
    }

    @Override
    public void check(CheckContext ctx, Reporter out) {
        InheritedFindings findings = new InheritedFindings();
        for (Host host : ctx.fleet().hosts()) {
            for (RaidArray array : host.storage().raid()) {
                if (array.level() != RaidLevel.RAID0 || array.spares().isEmpty()) continue;
                findings.error(host, array.origin().child("spares"),
                        "RAID0 array " + array.name() + " has spares (" + String.join(", ", array.spares())
                                + "); RAID0 has no redundancy, so a spare can never be used",
                        "remove spares, or use level 1, 5, 6 or 10");
            }
        }
        findings.reportTo(out);
    }
}
