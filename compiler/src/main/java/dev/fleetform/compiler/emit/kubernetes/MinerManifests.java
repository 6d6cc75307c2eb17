package dev.fleetform.compiler.emit.kubernetes;

import dev.fleetform.compiler.model.Miner;
import dev.fleetform.compiler.model.MinerSecret;
import dev.fleetform.compiler.model.Pool;
import dev.fleetform.compiler.model.SecretRef;
import dev.fleetform.compiler.model.Taint;
import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EmptyDirVolumeSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.SecretVolumeSource;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.CrossVersionObjectReference;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricTarget;
import io.fabric8.kubernetes.api.model.autoscaling.v2.ResourceMetricSource;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetSpec;

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
        ObjectMeta meta = new ObjectMeta();
        meta.setName(m.name());
        meta.setNamespace(m.namespace());
        meta.setLabels(Ownership.appLabels(fleet, m.name()));
        return meta;
    }

    // Plain setters, not fluent builders: nested builders copy every level again on each end*()/build().

    static Deployment deployment(String fleet, Miner m, Pool pool) {
        Map<String, String> nodeSelector = new TreeMap<>(pool.labels());
        nodeSelector.put(Ownership.POOL, pool.name());
        // Surge would need spare cores the pool may not have: replace in place, a few at a time.
        int maxUnavailable = Math.max(1, m.maxUnavailable());
        RollingUpdateDeployment rollingUpdate = new RollingUpdateDeployment();
        rollingUpdate.setMaxUnavailable(new IntOrString(maxUnavailable));
        rollingUpdate.setMaxSurge(new IntOrString(0));
        DeploymentStrategy strategy = new DeploymentStrategy();
        strategy.setType("RollingUpdate");
        strategy.setRollingUpdate(rollingUpdate);

        SeccompProfile seccomp = new SeccompProfile();
        seccomp.setType("RuntimeDefault");
        PodSecurityContext security = new PodSecurityContext();
        security.setRunAsNonRoot(true);
        security.setRunAsUser(RUN_AS);
        security.setRunAsGroup(RUN_AS);
        security.setFsGroup(RUN_AS);
        security.setSeccompProfile(seccomp);
        PodSpec pod = new PodSpec();
        pod.setNodeSelector(nodeSelector);
        pod.setTolerations(tolerations(pool.taints()));
        pod.setAutomountServiceAccountToken(false);
        pod.setSecurityContext(security);
        pod.setContainers(List.of(container(m)));
        pod.setVolumes(volumes(m));
        ObjectMeta podMeta = new ObjectMeta();
        podMeta.setLabels(Ownership.appLabels(fleet, m.name()));
        PodTemplateSpec template = new PodTemplateSpec();
        template.setMetadata(podMeta);
        template.setSpec(pod);

        DeploymentSpec spec = new DeploymentSpec();
        spec.setReplicas(m.autoscale() == null ? Integer.valueOf(m.replicas()) : null); // the HPA owns replicas
        spec.setSelector(selector(fleet, m));
        spec.setStrategy(strategy);
        spec.setTemplate(template);
        Deployment d = new Deployment();
        d.setMetadata(meta(fleet, m));
        d.setSpec(spec);
        return d;
    }

    private static LabelSelector selector(String fleet, Miner m) {
        LabelSelector selector = new LabelSelector();
        selector.setMatchLabels(Ownership.selector(fleet, m.name()));
        return selector;
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
        ResourceRequirements resources = new ResourceRequirements();
        resources.setRequests(requests);
        resources.setLimits(limits);
        Capabilities capabilities = new Capabilities();
        capabilities.setDrop(List.of("ALL"));
        SecurityContext security = new SecurityContext();
        security.setAllowPrivilegeEscalation(false);
        security.setPrivileged(false);
        security.setReadOnlyRootFilesystem(true);
        security.setCapabilities(capabilities);
        Container c = new Container();
        c.setName(CONTAINER);
        c.setImage(m.image());
        c.setEnv(env(m));
        c.setResources(resources);
        c.setVolumeMounts(mounts(m));
        c.setSecurityContext(security);
        return c;
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
            SecretKeySelector key = new SecretKeySelector();
            key.setName(ref.name());
            key.setKey(ref.key());
            key.setOptional(false);
            EnvVarSource from = new EnvVarSource();
            from.setSecretKeyRef(key);
            EnvVar e = new EnvVar();
            e.setName(s.env());
            e.setValueFrom(from);
            env.add(e);
        }
        return env;
    }

    private static List<VolumeMount> mounts(Miner m) {
        List<VolumeMount> out = new ArrayList<>();
        // a read-only root filesystem still needs somewhere to write temporary files
        VolumeMount tmp = new VolumeMount();
        tmp.setName("tmp");
        tmp.setMountPath("/tmp");
        out.add(tmp);
        for (MinerSecret s : sortedSecrets(m)) {
            if (s.mountPath() == null) continue;
            SecretRef.Kubernetes ref = (SecretRef.Kubernetes) s.secretRef();
            VolumeMount mount = new VolumeMount();
            mount.setName(volumeName(s));
            mount.setMountPath(s.mountPath());
            mount.setSubPath(ref.key());
            mount.setReadOnly(true);
            out.add(mount);
        }
        return out;
    }

    private static List<Volume> volumes(Miner m) {
        List<Volume> out = new ArrayList<>();
        Volume tmp = new Volume();
        tmp.setName("tmp");
        tmp.setEmptyDir(new EmptyDirVolumeSource());
        out.add(tmp);
        for (MinerSecret s : sortedSecrets(m)) {
            if (s.mountPath() == null) continue;
            SecretRef.Kubernetes ref = (SecretRef.Kubernetes) s.secretRef();
            KeyToPath item = new KeyToPath();
            item.setKey(ref.key());
            item.setPath(ref.key());
            SecretVolumeSource secret = new SecretVolumeSource();
            secret.setSecretName(ref.name());
            secret.setDefaultMode(0400);
            secret.setItems(List.of(item));
            Volume v = new Volume();
            v.setName(volumeName(s));
            v.setSecret(secret);
            out.add(v);
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
        PodDisruptionBudgetSpec spec = new PodDisruptionBudgetSpec();
        spec.setMaxUnavailable(new IntOrString(m.maxUnavailable()));
        spec.setSelector(selector(fleet, m));
        PodDisruptionBudget pdb = new PodDisruptionBudget();
        pdb.setMetadata(meta(fleet, m));
        pdb.setSpec(spec);
        return pdb;
    }

    static HorizontalPodAutoscaler autoscaler(String fleet, Miner m) {
        CrossVersionObjectReference target = new CrossVersionObjectReference();
        target.setApiVersion("apps/v1");
        target.setKind("Deployment");
        target.setName(m.name());
        MetricTarget utilization = new MetricTarget();
        utilization.setType("Utilization");
        utilization.setAverageUtilization(m.autoscale().targetCpuPercent());
        ResourceMetricSource cpu = new ResourceMetricSource();
        cpu.setName("cpu");
        cpu.setTarget(utilization);
        MetricSpec metric = new MetricSpec();
        metric.setType("Resource");
        metric.setResource(cpu);
        HorizontalPodAutoscalerSpec spec = new HorizontalPodAutoscalerSpec();
        spec.setScaleTargetRef(target);
        spec.setMinReplicas(m.autoscale().min());
        spec.setMaxReplicas(m.autoscale().max());
        spec.setMetrics(List.of(metric));
        HorizontalPodAutoscaler hpa = new HorizontalPodAutoscaler();
        hpa.setMetadata(meta(fleet, m));
        hpa.setSpec(spec);
        return hpa;
    }
}
