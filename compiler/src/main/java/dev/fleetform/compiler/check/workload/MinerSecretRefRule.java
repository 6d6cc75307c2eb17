package dev.fleetform.compiler.check.workload;

import dev.fleetform.compiler.check.CheckContext;
import dev.fleetform.compiler.check.Reporter;
import dev.fleetform.compiler.check.Rule;
import dev.fleetform.compiler.model.Miner;
import dev.fleetform.compiler.model.MinerSecret;
import dev.fleetform.compiler.model.SecretRef;

/**
 * MINER-SECRET-REF: a miner's secrets are Kubernetes Secrets in the miner's own namespace. A pod
 * can mount or read only Secrets of its namespace, and {@code env:}/{@code file:} references
 * name things on the machine running Fleetform, which a pod cannot see.
 */
public final class MinerSecretRefRule implements Rule {

    @Override
    public String id() {
        return "MINER-SECRET-REF";
    }

    @Override
    public void check(CheckContext ctx, Reporter out) {
        for (Miner m : ctx.fleet().miners()) {
            for (MinerSecret s : m.secrets().values()) {
                var at = s.origin().child("secretRef");
                if (!(s.secretRef() instanceof SecretRef.Kubernetes k)) {
                    out.error(at, "miner " + m.name() + " secret " + s.name() + " is " + s.secretRef().text()
                                    + ", which a pod cannot read",
                            "create a Kubernetes Secret in namespace " + m.namespace()
                                    + " and reference it as " + m.namespace() + "/<secret>#<key>");
                } else if (!k.namespace().equals(m.namespace())) {
                    out.error(at, "miner " + m.name() + " runs in namespace " + m.namespace()
                                    + " but secret " + s.name() + " is in namespace " + k.namespace(),
                            "a pod reads only Secrets of its own namespace: use " + m.namespace() + "/"
                                    + k.name() + "#" + k.key() + " (copy the Secret there)");
                }
            }
        }
    }
}
