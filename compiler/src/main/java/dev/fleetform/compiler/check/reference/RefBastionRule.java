package dev.fleetform.compiler.check.reference;

import dev.fleetform.compiler.check.CheckContext;
import dev.fleetform.compiler.check.Reporter;
import dev.fleetform.compiler.check.Rule;
import dev.fleetform.compiler.check.access.SshVia;
import dev.fleetform.compiler.diag.DidYouMean;
import dev.fleetform.compiler.model.Bastion;
import dev.fleetform.compiler.model.BastionKind;
import dev.fleetform.compiler.model.Ssh;

import java.util.LinkedHashSet;
import java.util.Set;

/** REF-BASTION: {@code ssh.via} names a bastion of {@code access.bastions}. */
public final class RefBastionRule implements Rule {

    @Override
    public String id() {
        return "REF-BASTION";
    }

    @Override
    public void check(CheckContext ctx, Reporter out) {
        Set<String> names = new LinkedHashSet<>();
        Set<String> openssh = new LinkedHashSet<>();
        for (Bastion b : ctx.fleet().access().bastions()) {
            names.add(b.name());
            if (b.kind() == BastionKind.OPENSSH) openssh.add(b.name());
        }
        for (Ssh ssh : SshVia.distinct(ctx.fleet())) {
            if (names.contains(ssh.via())) continue;
            String fallback = openssh.isEmpty()
                    ? "add an openssh bastion under access.bastions, or remove 'via' to connect directly"
                    : "openssh bastions: " + String.join(", ", openssh);
            out.error(ssh.origin().child("via"), "ssh.via names bastion '" + ssh.via() + "', which access.bastions does not define",
                    DidYouMean.hint(ssh.via(), names, fallback));
        }
    }
}
