package dev.fleetform.cli;

import dev.fleetform.compiler.Validation;
import dev.fleetform.compiler.emit.EmitContext;
import dev.fleetform.compiler.load.FleetSource;
import dev.fleetform.reconciler.engine.Provider;
import dev.fleetform.reconciler.engine.Providers;
import dev.fleetform.reconciler.engine.Target;
import dev.fleetform.reconciler.host.HostProvider;
import dev.fleetform.reconciler.host.monitoring.BridgeSecrets;
import dev.fleetform.reconciler.host.monitoring.ClusterSecrets;
import dev.fleetform.reconciler.host.ssh.SshOptions;
import dev.fleetform.reconciler.kubernetes.Connections;
import dev.fleetform.reconciler.kubernetes.KubernetesProvider;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The families drift, apply and reconcile work on — the fleet's Kubernetes clusters and its hosts
 * over SSH — and the connections they hold for one run. {@code --target k8s} or {@code --target
 * host} picks one.
 */
final class Families implements AutoCloseable {
    private final Connections kubernetes;
    private final SshOptions ssh;

    Families(ReconcileOptions options) {
        this(options.kubeconfig, SshOptions.defaults().withParallel(options.parallel));
    }

    /**
     * @param kubeconfig null for $KUBECONFIG, ~/.kube/config or the pod's service account
     * @param ssh        how many hosts at once, and the SSH deadlines
     */
    Families(Path kubeconfig, SshOptions ssh) {
        this.kubernetes = Connections.kubeconfig(kubeconfig);
        this.ssh = ssh;
    }

    /**
     * @param confirmPrune the number of deletions {@code --confirm-prune} lets past the mass-prune guard, or -1
     * @param targets      the {@code --target} prefixes: a family none of them can select is not built
     *                     (building one computes its desired state for the whole fleet)
     */
    Providers providers(int confirmPrune, List<String> targets) {
        boolean k8s = selectsOutside(targets, HostProvider.FAMILY);
        boolean hosts = selectsOutside(targets, KubernetesProvider.FAMILY);
        return new Providers() {
            @Override
            public List<Provider> of(Validation fleet, EmitContext ctx) {
                return k8s ? List.of(kubernetes(fleet, ctx)) : List.of();
            }

            @Override
            public List<Provider> of(Validation fleet, EmitContext ctx, FleetSource files) {
                List<Provider> all = new ArrayList<>(of(fleet, ctx));
                // the DingTalk bridge's Kubernetes Secret references: read with the same client as the cluster
                if (hosts) all.add(new HostProvider(fleet, ctx, files, ssh,
                        BridgeSecrets.ofProcess().withKubernetes(ClusterSecrets.of(fleet.fleet(), kubernetes))));
                return all;
            }

            private Provider kubernetes(Validation v, EmitContext ctx) {
                return new KubernetesProvider(v.fleet(), v.index(), ctx, kubernetes, KubernetesProvider.Options.defaults())
                        .withConfirmPrune(Math.max(0, confirmPrune));
            }
        };
    }

    /**
     * Whether {@code targets} can select anything outside {@code family}: only prefixes all within
     * one family rule the other out (a host carries prefixes besides its own, such as
     * {@code prometheus} on the host that runs it).
     */
    static boolean selectsOutside(List<String> targets, String family) {
        if (targets.isEmpty()) return true;
        for (String p : targets) if (!Target.within(p, family)) return true;
        return false;
    }

    @Override
    public void close() {
        kubernetes.close();
    }
}
