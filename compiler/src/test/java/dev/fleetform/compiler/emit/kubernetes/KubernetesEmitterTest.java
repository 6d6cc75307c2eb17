package dev.fleetform.compiler.emit.kubernetes;

import dev.fleetform.compiler.emit.Artefact;
import dev.fleetform.compiler.emit.Compiled;
import dev.fleetform.compiler.emit.ExternalTool;
import dev.fleetform.compiler.testing.Fleets;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KubernetesEmitterTest {

    private static List<Artefact> compile(String yaml) {
        return Compiled.emit(new KubernetesEmitter(), yaml);
    }

    private static List<HasMetadata> objects(List<Artefact> artefacts, String path) {
        return StrictModel.read(ExternalTool.find(artefacts, path).text());
    }

    @Test
    void everyManifestIsAKnownObjectWithOwnershipLabels() {
        List<Artefact> out = compile(Fleets.SAMPLE);
        assertEquals(List.of("k8s/prod/gpu-operator/vgpu-devices-config.yaml", "k8s/prod/miners/ore-miner.yaml",
                "k8s/prod/namespaces.yaml", "k8s/prod/nodes.patch.yaml"), out.stream().map(Artefact::path).sorted().toList());
        for (Artefact a : out) {
            for (HasMetadata o : StrictModel.read(a.text())) {
                Map<String, String> labels = o.getMetadata().getLabels();
                assertEquals("fleetform", labels.get("app.kubernetes.io/managed-by"), a.path());
                assertEquals("sample", labels.get("fleetform.dev/fleet"), a.path());
            }
        }
    }

    @Test
    void minerDeploymentCarriesReplicasResourcesPlacementAndHardening() {
        List<HasMetadata> objs = objects(compile(Fleets.SAMPLE), "k8s/prod/miners/ore-miner.yaml");
        assertEquals(List.of("Deployment", "PodDisruptionBudget"), objs.stream().map(HasMetadata::getKind).toList());
        Deployment d = (Deployment) objs.get(0);
        assertEquals("mining", d.getMetadata().getNamespace());
        assertEquals(2, d.getSpec().getReplicas());
        var pod = d.getSpec().getTemplate().getSpec();
        assertEquals(Map.of("fleetform.dev/pool", "miners"), pod.getNodeSelector());
        assertEquals("dedicated", pod.getTolerations().get(0).getKey());
        assertEquals("NoSchedule", pod.getTolerations().get(0).getEffect());
        assertTrue(pod.getSecurityContext().getRunAsNonRoot());
        Container c = pod.getContainers().get(0);
        assertEquals("ghcr.io/regolith-labs/ore:3.4.15", c.getImage());
        assertEquals(new Quantity("4"), c.getResources().getRequests().get("cpu"));
        assertEquals(new Quantity("4Gi"), c.getResources().getLimits().get("memory"));
        assertFalse(c.getResources().getLimits().containsKey("nvidia.com/gpu"), "gpu: 0 asks for no GPU");
        assertTrue(c.getSecurityContext().getReadOnlyRootFilesystem());
        assertFalse(c.getSecurityContext().getAllowPrivilegeEscalation());
        assertEquals(List.of("ALL"), c.getSecurityContext().getCapabilities().getDrop());
        Map<String, EnvVar> env = c.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, e -> e));
        assertEquals("4", env.get("CORES").getValue());
        assertEquals("5000", env.get("PRIORITY_FEE").getValue());
        assertEquals("solana-rpc", env.get("RPC").getValueFrom().getSecretKeyRef().getName());
        assertEquals("url", env.get("RPC").getValueFrom().getSecretKeyRef().getKey());
        var keypair = c.getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/ore/id.json")).findFirst().orElseThrow();
        assertEquals("id.json", keypair.getSubPath());
        var volume = pod.getVolumes().stream().filter(v -> v.getName().equals(keypair.getName())).findFirst().orElseThrow();
        assertEquals("ore-keypair", volume.getSecret().getSecretName());
        PodDisruptionBudget pdb = (PodDisruptionBudget) objs.get(1);
        assertEquals(1, pdb.getSpec().getMaxUnavailable().getIntVal());
        assertEquals(d.getSpec().getSelector(), pdb.getSpec().getSelector());
    }

    @Test
    void autoscaledMinerGetsAnHpaAndLeavesReplicasToIt() {
        String yaml = Fleets.edit(Fleets.SAMPLE, "      maxUnavailable: 1\n",
                "      maxUnavailable: 1\n      autoscale: { min: 1, max: 3, targetCpuPercent: 70 }\n");
        List<HasMetadata> objs = objects(compile(yaml), "k8s/prod/miners/ore-miner.yaml");
        assertNull(((Deployment) objs.get(0)).getSpec().getReplicas(), "the HPA owns replicas");
        HorizontalPodAutoscaler hpa = assertInstanceOf(HorizontalPodAutoscaler.class, objs.get(2));
        assertEquals(1, hpa.getSpec().getMinReplicas());
        assertEquals(3, hpa.getSpec().getMaxReplicas());
        assertEquals(70, hpa.getSpec().getMetrics().get(0).getResource().getTarget().getAverageUtilization());
        assertEquals("ore-miner", hpa.getSpec().getScaleTargetRef().getName());
    }

    @Test
    void poolNodesGetLabelsTaintsAndGpuOperatorConfig() {
        List<Artefact> out = compile(Fleets.SAMPLE);
        List<HasMetadata> nodes = objects(out, "k8s/prod/nodes.patch.yaml");
        assertEquals(List.of("gpu-01-vm1"), nodes.stream().map(n -> n.getMetadata().getName()).toList());
        Node n = (Node) nodes.get(0);
        assertEquals("vm-vgpu", n.getMetadata().getLabels().get("nvidia.com/gpu.workload.config"));
        assertEquals("A100-10C", n.getMetadata().getLabels().get("nvidia.com/vgpu.config"));
        assertEquals("miners", n.getSpec().getTaints().get(0).getValue());
        ConfigMap cm = (ConfigMap) objects(out, "k8s/prod/gpu-operator/vgpu-devices-config.yaml").get(0);
        assertEquals("""
                version: v1
                vgpu-configs:
                  A100-10C:
                    - devices: all
                      vgpu-devices:
                        A100-10C: 4
                """, cm.getData().get("config.yaml"));
    }

    @Test
    void hostileEnvValuesRoundTripExactly() {
        List<String> hostile = List.of("yes", "on", "null", "0755", "- x", "* star", "# hash", "a: b", "<&>\"'", "1e3", "~", "");
        StringBuilder env = new StringBuilder("{ ");
        for (int i = 0; i < hostile.size(); i++) {
            env.append("V").append(i).append(": '").append(hostile.get(i).replace("'", "''")).append("', ");
        }
        env.append("LAST: x }");
        String yaml = Fleets.edit(Fleets.SAMPLE, "env: { PRIORITY_FEE: \"5000\", BUFFER_TIME: \"5\" }", "env: " + env);
        Deployment d = (Deployment) objects(compile(yaml), "k8s/prod/miners/ore-miner.yaml").get(0);
        Map<String, String> got = d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .filter(e -> e.getValue() != null).collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
        for (int i = 0; i < hostile.size(); i++) assertEquals(hostile.get(i), got.get("V" + i), "V" + i);
    }

    @Test
    void compilingTwiceGivesTheSameBytes() {
        List<Artefact> a = compile(Fleets.SAMPLE), b = compile(Fleets.SAMPLE);
        for (int i = 0; i < a.size(); i++) assertEquals(a.get(i).text(), b.get(i).text());
    }
}
