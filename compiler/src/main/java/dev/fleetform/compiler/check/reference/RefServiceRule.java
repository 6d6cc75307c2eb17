package dev.fleetform.compiler.check.reference;

import dev.fleetform.compiler.check.CheckContext;
import dev.fleetform.compiler.check.Reporter;
import dev.fleetform.compiler.check.Rule;
import dev.fleetform.compiler.diag.DidYouMean;
import dev.fleetform.compiler.diag.Origin;
import dev.fleetform.compiler.model.Host;
import dev.fleetform.compiler.model.Profile;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * REF-SERVICE: every host service has an exporter port under {@code monitoring.scrape.services},
 * because each service gets a scrape target. Services a host inherits from its profile are
 * reported once, at the profile.
 */
public final class RefServiceRule implements Rule {

    @Override
    public String id() {
        return "REF-SERVICE";
    }

    @Override
    public void check(CheckContext ctx, Reporter out) {
        Map<String, Integer> ports = ctx.fleet().monitoring().services();
        Set<String> known = new TreeSet<>(ports.keySet());
        Set<String> reported = new HashSet<>();
        for (Host host : ctx.fleet().hosts()) {
            List<String> services = host.services();
            if (services.isEmpty()) continue;
            Origin list = null; // looked up only when something is missing
            for (int i = 0; i < services.size(); i++) {
                String service = services.get(i);
                if (ports.containsKey(service)) continue;
                if (list == null) list = whereListed(ctx, host);
                Origin at = list.child(i);
                if (!reported.add(at.pointer())) continue;
                String fallback = known.isEmpty()
                        ? "add '" + service + ": { port: N }' under monitoring.scrape.services, N being its exporter's port"
                        : "add '" + service + ": { port: N }' under monitoring.scrape.services, N being its exporter's port"
                                + " (defined: " + String.join(", ", known) + ")";
                out.error(at, "host service '" + service + "' has no exporter port under monitoring.scrape.services",
                        DidYouMean.hint(service, known, fallback));
            }
        }
    }

    /** The host's own {@code services} list, or its profile's when the host inherits it. */
    private static Origin whereListed(CheckContext ctx, Host host) {
        Origin own = host.origin().child("services");
        if (host.profile() == null || !ctx.document().at(own.pointer()).isMissingNode()) return own;
        Profile profile = ctx.fleet().profiles().get(host.profile());
        return profile == null ? own : profile.origin().child("services");
    }
}
