package dev.fleetform.compiler.emit.kubernetes;

import dev.fleetform.compiler.model.Miner;
import dev.fleetform.compiler.model.MinerSecret;
import dev.fleetform.compiler.model.Pool;
import dev.fleetform.compiler.model.SecretRef;
import dev.fleetform.compiler.model.Taint;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A miner's Deployment, PodDisruptionBudget and (when autoscaled) HorizontalPodAutoscaler. */
final class MinerManifests {
    /** Unprivileged uid/gid the miner runs as; the image must not need root. */
    static final long RUN_AS = 10001L;
    static final String CONTAINER = "miner";

    private MinerManifests() {
    }

    static List<HasMetadata> of(String fleet, Miner m, Pool pool) {
        List<HasMetadata> out = new ArrayList<>();
        out.add(deployment(fleet, m, pool));
        out.add(disruptionBudget(fleet, m));
        if (m.autoscale() != null) out.add(autoscaler(fleet, m));
        return out;
    }

    private static ObjectMeta meta(String fleet, Miner m) {
        return new ObjectMetaBuilder().withName(m.name()).withNamespace(m.namespace())
                .withLabels(Ownership.appLabels(fleet, m.name())).build();
    }

    static Deployment deployment(String fleet, Miner m, Pool pool) {
        Map<String, String> nodeSelector = new TreeMap<>(pool.labels());
        nodeSelector.put(Ownership.POOL, pool.name());
        // Surge would need spare cores the pool may not have: replace in place, a few at a time.
        int maxUnavailable = Math.max(1, m.maxUnavailable());
        return new DeploymentBuilder()
                .withMetadata(meta(fleet, m))
                .withNewSpec()
                    .withReplicas(m.autoscale() == null ? m.replicas() : null) // the HPA owns replicas
                    .withNewSelector().withMatchLabels(Ownership.selector(fleet, m.name())).endSelector()
                    .withNewStrategy().withType("RollingUpdate").withNewRollingUpdate()
                        .withMaxUnavailable(new IntOrString(maxUnavailable)).withMaxSurge(new IntOrString(0))
                    .endRollingUpdate().endStrategy()
                    .withNewTemplate()
                        .withNewMetadata().withLabels(Ownership.appLabels(fleet, m.name())).endMetadata()
                        .withNewSpec()
                            .withNodeSelector(nodeSelector)
                            .withTolerations(tolerations(pool.taints()))
                            .withAutomountServiceAccountToken(false)
                            .withNewSecurityContext()
                                .withRunAsNonRoot(true).withRunAsUser(RUN_AS).withRunAsGroup(RUN_AS).withFsGroup(RUN_AS)
                                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                            .endSecurityContext()
                            .withContainers(container(m))
                            .withVolumes(volumes(m))
                        .endSpec()
                    .endTemplate()
                .endSpec()
                .build();
    }

    private static Container container(Miner m) {
        Map<String, Quantity> requests = new TreeMap<>();
        requests.put("cpu", new Quantity(Integer.toString(m.cores())));
        if (m.memory() != null) requests.put("memory", new Quantity(m.memory()));
        Map<String, Quantity> limits = new TreeMap<>(requests);
        if (m.gpu() > 0) {
            requests.put("nvidia.com/gpu", new Quantity(Integer.toString(m.gpu())));
            limits.put("nvidia.com/gpu", new Quantity(Integer.toString(m.gpu())));
        }
        return new ContainerBuilder()
                .withName(CONTAINER)
                .withImage(m.image())
                .withEnv(env(m))
                .withNewResources().withRequests(requests).withLimits(limits).endResources()
                .withVolumeMounts(mounts(m))
                .withNewSecurityContext()
                    .withAllowPrivilegeEscalation(false).withPrivileged(false).withReadOnlyRootFilesystem(true)
                    .withNewCapabilities().withDrop("ALL").endCapabilities()
                .endSecurityContext()
                .build();
    }

    /** CORES first (the miner's core count), then the fleet's env sorted, then secret env vars. */
    private static List<EnvVar> env(Miner m) {
        List<EnvVar> env = new ArrayList<>();
        env.add(new EnvVar("CORES", Integer.toString(m.cores()), null));
        new TreeMap<>(m.env()).forEach((k, v) -> {
            if (!k.equals("CORES")) env.add(new EnvVar(k, v, null));
        });
        for (MinerSecret s : sortedSecrets(m)) {
            if (s.env() == null) continue;
            SecretRef.Kubernetes ref = (SecretRef.Kubernetes) s.secretRef();
            env.add(new EnvVarBuilder().withName(s.env()).withNewValueFrom().withNewSecretKeyRef()
                    .withName(ref.name()).withKey(ref.key()).withOptional(false)
                    .endSecretKeyRef().endValueFrom().build());
        }
        return env;
    }

    private static List<VolumeMount> mounts(Miner m) {
        List<VolumeMount> out = new ArrayList<>();
        // a read-only root filesystem still needs somewhere to write temporary files
        out.add(new VolumeMountBuilder().withName("tmp").withMountPath("/tmp").build());
        for (MinerSecret s : sortedSecrets(m)) {
            if (s.mountPath() == null) continue;
            SecretRef.Kubernetes ref = (SecretRef.Kubernetes) s.secretRef();
            out.add(new VolumeMountBuilder().withName(volumeName(s)).withMountPath(s.mountPath())
                    .withSubPath(ref.key()).withReadOnly(true).build());
        }
        return out;
    }

    private static List<Volume> volumes(Miner m) {
        List<Volume> out = new ArrayList<>();
        out.add(new VolumeBuilder().withName("tmp").withNewEmptyDir().endEmptyDir().build());
        for (MinerSecret s : sortedSecrets(m)) {
            if (s.mountPath() == null) continue;
            SecretRef.Kubernetes ref = (SecretRef.Kubernetes) s.secretRef();
            out.add(new VolumeBuilder().withName(volumeName(s)).withNewSecret().withSecretName(ref.name())
                    .withDefaultMode(0400).addNewItem().withKey(ref.key()).withPath(ref.key()).endItem()
                    .endSecret().build());
        }
        return out;
    }

    private static String volumeName(MinerSecret s) {
        return "secret-" + s.name();
    }

    private static List<MinerSecret> sortedSecrets(Miner m) {
        return new TreeMap<>(m.secrets()).values().stream().toList();
    }

    private static List<Toleration> tolerations(List<Taint> taints) {
        List<Toleration> out = new ArrayList<>();
        for (Taint t : taints) {
            out.add(new TolerationBuilder().withKey(t.key()).withOperator(t.value() == null ? "Exists" : "Equal")
                    .withValue(t.value()).withEffect(t.effect()).build());
        }
        return out;
    }

    static PodDisruptionBudget disruptionBudget(String fleet, Miner m) {
        return new PodDisruptionBudgetBuilder()
                .withMetadata(meta(fleet, m))
                .withNewSpec()
                    .withMaxUnavailable(new IntOrString(m.maxUnavailable()))
                    .withNewSelector().withMatchLabels(Ownership.selector(fleet, m.name())).endSelector()
                .endSpec()
                .build();
    }

    static HorizontalPodAutoscaler autoscaler(String fleet, Miner m) {
        return new HorizontalPodAutoscalerBuilder()
                .withMetadata(meta(fleet, m))
                .withNewSpec()
                    .withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment").withName(m.name()).endScaleTargetRef()
                    .withMinReplicas(m.autoscale().min())
                    .withMaxReplicas(m.autoscale().max())
                    .addNewMetric().withType("Resource").withNewResource().withName("cpu")
                        .withNewTarget().withType("Utilization").withAverageUtilization(m.autoscale().targetCpuPercent()).endTarget()
                    .endResource().endMetric()
                .endSpec()
                .build();
    }
}
