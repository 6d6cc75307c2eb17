package dev.fleetform.cli;

import dev.fleetform.reconciler.engine.Providers;
import dev.fleetform.reconciler.kubernetes.Connections;
import dev.fleetform.reconciler.kubernetes.KubernetesProvider;

import java.util.List;

/** The families drift and apply reconcile, and the connections they hold for one run. */
final class Families implements AutoCloseable {
    private final Connections kubernetes;

    Families(ReconcileOptions options) {
        this(options.kubeconfig);
    }

    /** @param kubeconfig null for $KUBECONFIG, ~/.kube/config or the pod's service account */
    Families(java.nio.file.Path kubeconfig) {
        this.kubernetes = Connections.kubeconfig(kubeconfig);
    }

    /** @param confirmPrune the number of deletions {@code --confirm-prune} lets past the mass-prune guard, or -1 */
    Providers providers(int confirmPrune) {
        return (v, ctx) -> List.of(new KubernetesProvider(v.fleet(), v.index(), ctx, kubernetes, KubernetesProvider.Options.defaults())
                .withConfirmPrune(Math.max(0, confirmPrune)));
    }

    @Override
    public void close() {
        kubernetes.close();
    }
}
