package dev.fleetform.compiler.check.access;

import dev.fleetform.compiler.check.CheckContext;
import dev.fleetform.compiler.check.Reporter;
import dev.fleetform.compiler.check.Rule;
import dev.fleetform.compiler.model.Bastion;
import dev.fleetform.compiler.model.BastionKind;
import dev.fleetform.compiler.model.Ssh;

import java.util.HashMap;
import java.util.Map;

/**
 * SSH-VIA-OPENSSH: automation may only jump through an {@code openssh} bastion. A JumpServer
 * gateway forwards no channels and runs no remote commands, so the reconciler and Ansible
 * cannot work through it. Unknown names are REF-BASTION's.
 */
public final class SshViaOpensshRule implements Rule {

    @Override
    public String id() {
        return "SSH-VIA-OPENSSH";
    }

    @Override
    public void check(CheckContext ctx, Reporter out) {
        Map<String, Bastion> bastions = new HashMap<>();
        for (Bastion b : ctx.fleet().access().bastions()) bastions.putIfAbsent(b.name(), b);
        for (Ssh ssh : SshVia.distinct(ctx.fleet())) {
            Bastion b = bastions.get(ssh.via());
            if (b == null || b.kind() == BastionKind.OPENSSH) continue;
            out.error(ssh.origin().child("via"),
                    "ssh.via '" + ssh.via() + "' is a " + b.kind().yamlName() + " bastion: JumpServer's SSH gateway"
                            + " forwards no channels and runs no remote commands, so automation (the reconciler,"
                            + " Ansible) cannot go through it",
                    "point 'via' at an openssh bastion (kind: openssh) or remove it to connect directly;"
                            + " JumpServer bastions are for people (access.groups)");
        }
    }
}
