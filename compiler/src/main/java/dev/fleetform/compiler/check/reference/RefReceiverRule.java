package dev.fleetform.compiler.check.reference;

import dev.fleetform.compiler.check.CheckContext;
import dev.fleetform.compiler.check.Reporter;
import dev.fleetform.compiler.check.Rule;
import dev.fleetform.compiler.diag.DidYouMean;
import dev.fleetform.compiler.model.Monitoring;
import dev.fleetform.compiler.model.Receiver;
import dev.fleetform.compiler.model.Route;

import java.util.LinkedHashSet;
import java.util.Set;

/** REF-RECEIVER: every alert route sends to a receiver of {@code monitoring.receivers}. */
public final class RefReceiverRule implements Rule {

    @Override
    public String id() {
        return "REF-RECEIVER";
    }

    @Override
    public void check(CheckContext ctx, Reporter out) {
        Monitoring monitoring = ctx.fleet().monitoring();
        Set<String> receivers = new LinkedHashSet<>();
        for (Receiver r : monitoring.receivers()) receivers.add(r.name());
        for (Route route : monitoring.routes()) {
            if (route.receiver() == null || receivers.contains(route.receiver())) continue;
            String fallback = receivers.isEmpty()
                    ? "define the receiver under monitoring.receivers"
                    : "receivers: " + String.join(", ", receivers);
            out.error(route.origin().child("receiver"),
                    "route sends to receiver '" + route.receiver() + "', which monitoring.receivers does not define",
                    DidYouMean.hint(route.receiver(), receivers, fallback));
        }
    }
}
