package dev.fleetform.compiler.check.monitoring;

import dev.fleetform.compiler.check.CheckContext;
import dev.fleetform.compiler.check.Reporter;
import dev.fleetform.compiler.check.Rule;
import dev.fleetform.compiler.check.SourceLines;
import dev.fleetform.compiler.diag.Origin;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ALERTMANAGER-UNIQUE}: each of {@code monitoring.alertmanagers} is listed once. A second
 * entry for the same Alertmanager is most likely another one's address mistyped, which would
 * then get no alerts.
 */
public final class AlertmanagerUniqueRule implements Rule {
    /** An include cannot set the list (Includes), so its items are those of fleet.yaml's key. */
    private static final Origin LIST = Origin.ROOT.child("monitoring").child("alertmanagers");

    @Override
    public String id() {
        return "ALERTMANAGER-UNIQUE";
    }

    @Override
    public void check(CheckContext ctx, Reporter out) {
        List<String> addresses = ctx.fleet().monitoring().alertmanagers();
        Map<String, Integer> first = new HashMap<>();
        for (int i = 0; i < addresses.size(); i++) {
            String address = addresses.get(i);
            // DNS names are case-insensitive; IP literals and ports are unaffected.
            Integer earlier = first.putIfAbsent(address.toLowerCase(Locale.ROOT), i);
            if (earlier == null) continue;
            out.error(LIST.child(i), "alertmanager " + address + " is listed twice: also at "
                            + SourceLines.fileLine(ctx, LIST.child(earlier)),
                    "list each Alertmanager once; if this was meant to be another one, give its address");
        }
    }
}
