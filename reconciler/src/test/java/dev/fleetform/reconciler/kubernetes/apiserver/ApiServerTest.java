package dev.fleetform.reconciler.kubernetes.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fixture answers as kube-apiserver does where a reconciler can tell. */
class ApiServerTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String MINER = "/apis/apps/v1/namespaces/mining/deployments/miner";

    private ApiServer api;
    private KubernetesClient client;

    @BeforeEach
    void start() {
        api = ApiServer.start();
        client = api.client();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    static Deployment miner(String image) {
        return new DeploymentBuilder()
                .withNewMetadata().withName("miner").withNamespace("mining").endMetadata()
                .withNewSpec()
                .withNewSelector().addToMatchLabels("app", "miner").endSelector()
                .withNewTemplate()
                .withNewMetadata().addToLabels("app", "miner").endMetadata()
                .withNewSpec()
                .addToContainers(new ContainerBuilder().withName("miner").withImage(image)
                        .addNewPort().withContainerPort(9100).endPort().build())
                .addNewVolume().withName("config").withNewConfigMap().withName("miner-config").endConfigMap().endVolume()
                .addNewVolume().withName("wallet").withNewSecret().withSecretName("wallet").endSecret().endVolume()
                .endSpec()
                .endTemplate()
                .endSpec().build();
    }

    private JsonNode raw(String path) throws IOException {
        return YAML.readTree(client.raw(api.url() + path.substring(1)));
    }

    private Deployment live() {
        return client.apps().deployments().inNamespace("mining").withName("miner").get();
    }

    @Test
    void aCreatedDeploymentComesBackWithTheServersDefaults() throws IOException {
        client.resource(miner("ghcr.io/x/miner:1.2")).create();
        JsonNode live = raw(MINER);
        JsonNode spec = live.path("spec");
        assertEquals(1, spec.path("replicas").asInt());
        assertEquals("RollingUpdate", spec.path("strategy").path("type").asText());
        assertEquals("25%", spec.path("strategy").path("rollingUpdate").path("maxSurge").asText());
        assertEquals("25%", spec.path("strategy").path("rollingUpdate").path("maxUnavailable").asText());
        assertEquals(10, spec.path("revisionHistoryLimit").asInt());
        assertEquals(600, spec.path("progressDeadlineSeconds").asInt());
        assertTrue(spec.path("template").path("metadata").has("creationTimestamp"));
        assertTrue(spec.path("template").path("metadata").get("creationTimestamp").isNull());
        JsonNode pod = spec.path("template").path("spec");
        assertEquals("Always", pod.path("restartPolicy").asText());
        assertEquals(30, pod.path("terminationGracePeriodSeconds").asInt());
        assertEquals("ClusterFirst", pod.path("dnsPolicy").asText());
        assertEquals("default-scheduler", pod.path("schedulerName").asText());
        assertTrue(pod.path("securityContext").isObject() && pod.path("securityContext").isEmpty());
        JsonNode container = pod.path("containers").get(0);
        assertEquals("/dev/termination-log", container.path("terminationMessagePath").asText());
        assertEquals("File", container.path("terminationMessagePolicy").asText());
        assertEquals("IfNotPresent", container.path("imagePullPolicy").asText());
        assertEquals("TCP", container.path("ports").get(0).path("protocol").asText());
        assertTrue(container.path("resources").isObject());
        assertEquals(420, pod.path("volumes").get(0).path("configMap").path("defaultMode").asInt());
        assertEquals(420, pod.path("volumes").get(1).path("secret").path("defaultMode").asInt());
        JsonNode metadata = live.path("metadata");
        assertNotNull(metadata.get("uid"));
        assertNotNull(metadata.get("creationTimestamp"));
        assertEquals(1, metadata.path("generation").asInt());
        assertEquals("1", metadata.path("annotations").path("deployment.kubernetes.io/revision").asText());
    }

    @Test
    void theWriteAnswersWhatWasStoredBeforeTheControllerCameBy() {
        Deployment answered = client.resource(miner("ghcr.io/x/miner:1.2")).create();
        assertEquals(600, answered.getSpec().getProgressDeadlineSeconds());
        assertNull(answered.getStatus().getObservedGeneration(), "a fresh Deployment's status is empty");
        Deployment live = live();
        assertEquals(1L, live.getStatus().getObservedGeneration());
        assertNotEquals(answered.getMetadata().getResourceVersion(), live.getMetadata().getResourceVersion());
    }

    @Test
    void imagePullPolicyFollowsTheTag() {
        assertEquals("Always", Defaults.pullPolicy("nginx"));
        assertEquals("Always", Defaults.pullPolicy("nginx:latest"));
        assertEquals("Always", Defaults.pullPolicy("registry.local:5000/miner"));
        assertEquals("IfNotPresent", Defaults.pullPolicy("registry.local:5000/miner:2.4"));
        assertEquals("IfNotPresent", Defaults.pullPolicy("miner@sha256:0123abcd"));
        client.resource(miner("ghcr.io/x/miner:latest")).create();
        assertEquals("Always", live().getSpec().getTemplate().getSpec().getContainers().get(0).getImagePullPolicy());
    }

    @Test
    void probesAndFieldRefsAreDefaulted() {
        Deployment d = miner("miner:1");
        Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
        c.setLivenessProbe(new io.fabric8.kubernetes.api.model.ProbeBuilder().withNewHttpGet().withNewPort(9100).endHttpGet().build());
        c.setEnv(List.of(new io.fabric8.kubernetes.api.model.EnvVarBuilder().withName("NODE")
                .withNewValueFrom().withNewFieldRef().withFieldPath("spec.nodeName").endFieldRef().endValueFrom().build()));
        client.resource(d).create();
        Container live = live().getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals(1, live.getLivenessProbe().getTimeoutSeconds());
        assertEquals(10, live.getLivenessProbe().getPeriodSeconds());
        assertEquals(1, live.getLivenessProbe().getSuccessThreshold());
        assertEquals(3, live.getLivenessProbe().getFailureThreshold());
        assertEquals("HTTP", live.getLivenessProbe().getHttpGet().getScheme());
        assertEquals("v1", live.getEnv().get(0).getValueFrom().getFieldRef().getApiVersion());
    }

    @Test
    void patchesAreDefaultedToo() {
        client.resource(miner("miner:1")).create();
        client.apps().deployments().inNamespace("mining").withName("miner").patch(PatchContext.of(PatchType.JSON),
                "[{\"op\":\"add\",\"path\":\"/spec/template/spec/containers/-\",\"value\":{\"name\":\"exporter\",\"image\":\"exporter:0.3\",\"ports\":[{\"containerPort\":9400}]}}]");
        Container exporter = live().getSpec().getTemplate().getSpec().getContainers().get(1);
        assertEquals("File", exporter.getTerminationMessagePolicy());
        assertEquals("IfNotPresent", exporter.getImagePullPolicy());
        assertEquals("TCP", exporter.getPorts().get(0).getProtocol());

        client.apps().deployments().inNamespace("mining").withName("miner").patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"spec\":{\"strategy\":{\"type\":\"Recreate\",\"rollingUpdate\":null}}}");
        assertEquals("Recreate", live().getSpec().getStrategy().getType());
    }

    @Test
    void aSecondIdenticalPutChangesNothing() {
        client.resource(miner("miner:1")).create();
        Deployment first = live();
        Deployment again = client.resource(first).update();
        Deployment after = live();
        assertEquals(first.getMetadata().getResourceVersion(), after.getMetadata().getResourceVersion());
        assertEquals(first.getMetadata().getGeneration(), after.getMetadata().getGeneration());
        assertEquals(first.getMetadata().getManagedFields(), after.getMetadata().getManagedFields());
        assertEquals(first.getMetadata().getResourceVersion(), again.getMetadata().getResourceVersion());

        // sent without the defaults (as a manifest is), the spec is still the same
        Deployment manifest = miner("miner:1");
        manifest.getMetadata().setResourceVersion(after.getMetadata().getResourceVersion());
        client.resource(manifest).update();
        assertEquals(1L, live().getMetadata().getGeneration());
    }

    @Test
    void generationCountsSpecChangesOnly() {
        client.resource(miner("miner:1")).create();
        Deployment labelled = live();
        labelled.getMetadata().setLabels(Map.of("team", "mining"));
        client.resource(labelled).update();
        Deployment afterLabel = live();
        assertEquals(1L, afterLabel.getMetadata().getGeneration());
        assertNotEquals(labelled.getMetadata().getResourceVersion(), afterLabel.getMetadata().getResourceVersion());

        afterLabel.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("miner:2");
        client.resource(afterLabel).update();
        Deployment afterImage = live();
        assertEquals(2L, afterImage.getMetadata().getGeneration());
        assertEquals(2L, afterImage.getStatus().getObservedGeneration());
        assertEquals("2", afterImage.getMetadata().getAnnotations().get("deployment.kubernetes.io/revision"));
    }

    @Test
    void statusSentWithTheObjectIsNotStored() {
        client.resource(miner("miner:1")).create();
        Deployment edited = live();
        edited.getStatus().setReplicas(99);
        edited.getStatus().setObservedGeneration(7L);
        client.resource(edited).update();
        assertEquals(1, live().getStatus().getReplicas());
        assertEquals(1L, live().getStatus().getObservedGeneration());
    }

    @Test
    void theControllerFollowsSpecReplicas() {
        client.resource(miner("miner:1")).create();
        client.apps().deployments().inNamespace("mining").withName("miner").patch(PatchContext.of(PatchType.JSON),
                "[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":4}]");
        Deployment live = live();
        assertEquals(4, live.getStatus().getReplicas());
        assertEquals(4, live.getStatus().getUpdatedReplicas());
        assertEquals(4, live.getStatus().getReadyReplicas());
        assertEquals(4, live.getStatus().getAvailableReplicas());
        assertEquals(List.of("Available", "Progressing"),
                live.getStatus().getConditions().stream().map(c -> c.getType()).toList());
        assertEquals("NewReplicaSetAvailable", live.getStatus().getConditions().get(1).getReason());
    }

    @Test
    void stuckRolloutsLeaveStatusAtTheOldGenerationUntilCompleteAgain() {
        client.resource(miner("miner:1")).create();
        api.rollouts(Rollouts.STUCK);
        client.apps().deployments().inNamespace("mining").withName("miner").patch(PatchContext.of(PatchType.JSON),
                "[{\"op\":\"replace\",\"path\":\"/spec/template/spec/containers/0/image\",\"value\":\"miner:2\"}]");
        assertEquals(2L, live().getMetadata().getGeneration());
        assertEquals(1L, live().getStatus().getObservedGeneration());
        api.resetRequests();
        api.rollouts(Rollouts.COMPLETE);
        assertEquals(2L, live().getStatus().getObservedGeneration());
        assertEquals(1, api.requests().size(), "catching up is not a request: only the GET above is");
        assertEquals(0, api.writes());
    }

    @Test
    void requestsAreRecordedInOrderAndTheControllersStatusIsNoWrite() {
        client.resource(miner("miner:1")).create();
        client.apps().deployments().inNamespace("mining").withName("miner").patch(
                new PatchContext.Builder().withPatchType(PatchType.JSON).withFieldManager("fleetform").build(),
                "[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":2}]");
        client.apps().deployments().inNamespace("mining").list();
        client.apps().deployments().inNamespace("mining").withName("miner").delete();

        List<ApiServer.Recorded> requests = api.requests();
        // fabric8 reads the object before it patches it
        assertEquals(List.of("POST", "GET", "PATCH", "GET", "DELETE"), requests.stream().map(ApiServer.Recorded::method).toList());
        assertEquals("/apis/apps/v1/namespaces/mining/deployments", requests.get(0).path());
        assertNull(requests.get(0).query());
        assertTrue(requests.get(0).body().contains("\"miner:1\""));
        assertEquals(MINER, requests.get(2).path());
        assertEquals("fieldManager=fleetform", requests.get(2).query());
        assertTrue(requests.get(2).contentType().startsWith("application/json-patch+json"));
        assertEquals("[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":2}]", requests.get(2).body());
        assertEquals(3, api.writes());

        api.resetRequests();
        assertEquals(List.of(), api.requests());
        assertEquals(0, api.writes());
    }

    @Test
    void managedFieldsNameTheFieldManagerElseTheUserAgentsProduct() {
        client.resource(miner("miner:1")).create();
        client.apps().deployments().inNamespace("mining").withName("miner").patch(
                new PatchContext.Builder().withPatchType(PatchType.JSON).withFieldManager("fleetform").build(),
                "[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":2}]");
        List<ManagedFieldsEntry> entries = live().getMetadata().getManagedFields();
        assertEquals(List.of("fabric8-kubernetes-client", "kube-controller-manager", "fleetform"),
                entries.stream().map(ManagedFieldsEntry::getManager).toList());
        assertEquals(List.of("Update", "Update", "Update"), entries.stream().map(ManagedFieldsEntry::getOperation).toList());
        assertEquals("status", entries.get(1).getSubresource());
        assertEquals(Map.of("f:spec", Map.of("f:replicas", Map.of())), entries.get(2).getFieldsV1().getAdditionalProperties());
        assertEquals("unknown", ManagedFields.manager(null, null));
        assertEquals("kubectl", ManagedFields.manager("", "kubectl/v1.31.4 (linux/amd64) kubernetes/48d3a4a"));
    }

    @Test
    void failNextAnswersAStatusTheGivenNumberOfTimes() {
        client.resource(miner("miner:1")).create();
        Deployment live = live();
        api.failNext("PUT", MINER, 409, 1);
        KubernetesClientException conflict = assertThrows(KubernetesClientException.class, () -> client.resource(live).update());
        assertEquals(409, conflict.getCode());
        assertEquals("Conflict", conflict.getStatus().getReason());
        assertEquals("Failure", conflict.getStatus().getStatus());
        client.resource(live).update();

        api.failNext("GET", "/apis/apps/v1/namespaces/mining", 500, 1);
        try (KubernetesClient noRetries = new KubernetesClientBuilder().withConfig(noRetries()).build()) {
            KubernetesClientException failure = assertThrows(KubernetesClientException.class,
                    () -> noRetries.apps().deployments().inNamespace("mining").list());
            assertEquals(500, failure.getCode());
            assertEquals("InternalError", failure.getStatus().getReason());
            assertEquals(1, noRetries.apps().deployments().inNamespace("mining").list().getItems().size());
        }
    }

    @Test
    void notFoundAlreadyExistsAndConflictAreTheStatusesARealServerAnswers() {
        KubernetesClientException missing = assertThrows(KubernetesClientException.class,
                () -> client.apps().deployments().inNamespace("mining").withName("miner").edit(d -> d));
        assertEquals(404, missing.getCode());
        assertEquals("NotFound", missing.getStatus().getReason());
        assertEquals("deployments.apps \"miner\" not found", missing.getStatus().getMessage());
        assertEquals("apps", missing.getStatus().getDetails().getGroup());

        ConfigMap created = client.resource(configMap("miner-config")).create();
        KubernetesClientException exists = assertThrows(KubernetesClientException.class,
                () -> client.resource(configMap("miner-config")).create());
        assertEquals(409, exists.getCode());
        assertEquals("AlreadyExists", exists.getStatus().getReason());
        assertEquals("configmaps \"miner-config\" already exists", exists.getStatus().getMessage());

        client.resource(new ConfigMapBuilder(created).addToData("k", "v").build()).update();
        KubernetesClientException stale = assertThrows(KubernetesClientException.class,
                () -> client.resource(new ConfigMapBuilder(created).addToData("k", "w").build()).update());
        assertEquals(409, stale.getCode());
        assertEquals("Conflict", stale.getStatus().getReason());
        assertTrue(stale.getStatus().getMessage().startsWith("Operation cannot be fulfilled on configmaps \"miner-config\""));
    }

    @Test
    void tooManyRequestsSaysWhenToComeBack() throws Exception {
        api.failNext("GET", "/api/v1/namespaces", 429, 1);
        KubernetesClient noRetries = new KubernetesClientBuilder().withConfig(noRetries()).build();
        var http = noRetries.getHttpClient();
        var response = http.sendAsync(http.newHttpRequestBuilder().uri(api.url() + "api/v1/namespaces").build(), String.class)
                .get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(429, response.code());
        assertEquals("1", response.header("Retry-After"));
        JsonNode status = YAML.readTree(response.body());
        assertEquals("TooManyRequests", status.path("reason").asText());
        assertEquals(1, status.path("details").path("retryAfterSeconds").asInt());
        noRetries.close();
    }

    @Test
    void fabric8RetriesServerErrorsOnItsOwn() {
        // worth knowing when counting requests: the default client retries 5xx with backoff
        api.failNext("GET", "/api/v1/namespaces", 503, 2);
        assertEquals(0, client.namespaces().list().getItems().size());
        assertEquals(3, api.requests().stream().filter(r -> r.path().equals("/api/v1/namespaces")).count());
    }

    @Test
    void stallNextMakesAClientTimeOutYetTheWriteHappened() {
        Config impatient = noRetries();
        impatient.setRequestTimeout(1_000);
        api.stallNext("POST", "/api/v1/namespaces/mining/configmaps", Duration.ofSeconds(6), 1);
        try (KubernetesClient c = new KubernetesClientBuilder().withConfig(impatient).build()) {
            assertThrows(KubernetesClientException.class, () -> c.resource(configMap("miner-config")).create());
        }
        assertNotNull(client.configMaps().inNamespace("mining").withName("miner-config").get());
    }

    @Test
    void theKubeconfigWorksWithFabric8AndHoldsSeveralClusters(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("kubeconfig");
        try (ApiServer other = ApiServer.start()) {
            api.seed(namespace("mining"));
            other.seed(namespace("storage"));
            assertEquals(file, api.kubeconfig(file, "prod"));
            other.kubeconfig(file, "lab");
            String content = Files.readString(file);
            for (String[] context : new String[][] {{"prod", "mining"}, {"lab", "storage"}}) {
                Config config = Config.fromKubeconfig(context[0], content, file.toString());
                try (KubernetesClient c = new KubernetesClientBuilder().withConfig(config).build()) {
                    assertEquals(List.of(context[1]),
                            c.namespaces().list().getItems().stream().map(n -> n.getMetadata().getName()).toList());
                }
            }
            assertTrue(content.contains("current-context: \"lab\"") || content.contains("current-context: lab"));
        }
    }

    @Test
    void namespacesGetTheirFinalizerPhaseAndNameLabel() {
        client.resource(namespace("mining")).create();
        Namespace live = client.namespaces().withName("mining").get();
        assertEquals(List.of("kubernetes"), live.getSpec().getFinalizers());
        assertEquals("Active", live.getStatus().getPhase());
        assertEquals("mining", live.getMetadata().getLabels().get("kubernetes.io/metadata.name"));
        assertNull(live.getMetadata().getNamespace());
        live.getMetadata().setLabels(Map.of("team", "ops"));
        client.resource(live).update();
        assertEquals(Map.of("team", "ops", "kubernetes.io/metadata.name", "mining"),
                client.namespaces().withName("mining").get().getMetadata().getLabels());
    }

    @Test
    void anHpaBehaviorIsFilledInAsTheServerDoes() {
        client.resource(hpa(true)).create();
        var behavior = client.autoscaling().v2().horizontalPodAutoscalers().inNamespace("mining").withName("miner").get()
                .getSpec().getBehavior();
        assertEquals(0, behavior.getScaleUp().getStabilizationWindowSeconds());
        assertEquals("Max", behavior.getScaleUp().getSelectPolicy());
        assertEquals(List.of("Pods/4/15", "Percent/100/15"), behavior.getScaleUp().getPolicies().stream()
                .map(p -> p.getType() + "/" + p.getValue() + "/" + p.getPeriodSeconds()).toList());
        assertEquals(600, behavior.getScaleDown().getStabilizationWindowSeconds(), "what was sent stays");
        assertEquals("Max", behavior.getScaleDown().getSelectPolicy());
        assertEquals(List.of("Percent/100/15"), behavior.getScaleDown().getPolicies().stream()
                .map(p -> p.getType() + "/" + p.getValue() + "/" + p.getPeriodSeconds()).toList());
    }

    @Test
    void anHpaWithoutBehaviorGetsNoneButAMinimumAndACpuTarget() {
        HorizontalPodAutoscaler sent = hpa(false);
        sent.getSpec().setMinReplicas(null);
        sent.getSpec().setMetrics(null);
        client.resource(sent).create();
        var live = client.autoscaling().v2().horizontalPodAutoscalers().inNamespace("mining").withName("miner").get();
        assertNull(live.getSpec().getBehavior());
        assertEquals(1, live.getSpec().getMinReplicas());
        assertEquals(80, live.getSpec().getMetrics().get(0).getResource().getTarget().getAverageUtilization());
        assertEquals(0, live.getStatus().getDesiredReplicas());
    }

    @Test
    void aPdbStartsWithTheZeroStatus() {
        PodDisruptionBudget pdb = new PodDisruptionBudgetBuilder().withNewMetadata().withName("miner").withNamespace("mining")
                .endMetadata().withNewSpec().withNewMaxUnavailable(1).withNewSelector().addToMatchLabels("app", "miner")
                .endSelector().endSpec().build();
        client.resource(pdb).create();
        var live = client.policy().v1().podDisruptionBudget().inNamespace("mining").withName("miner").get();
        assertEquals(0, live.getStatus().getExpectedPods());
        assertEquals(0, live.getStatus().getDisruptionsAllowed());
        assertEquals(1, live.getSpec().getMaxUnavailable().getIntVal());
    }

    @Test
    void quantitiesComeBackCanonical() {
        assertEquals("8", Quantities.canonical("8000m"));
        assertEquals("4Gi", Quantities.canonical("4096Mi"));
        assertEquals("1536Mi", Quantities.canonical("1536Mi"));
        assertEquals("500m", Quantities.canonical("0.5"));
        assertEquals("1500m", Quantities.canonical("1.5"));
        assertEquals("1k", Quantities.canonical("1000"));
        assertEquals("512", Quantities.canonical("0.5Ki"));
        assertEquals("100", Quantities.canonical("100"));
        assertEquals("100u", Quantities.canonical("0.0001"));
        assertEquals("1n", Quantities.canonical("0.0000000001"), "below a nano rounds up");
    }

    @Test
    void containerResourcesAreStoredCanonical() {
        Deployment d = miner("miner:1");
        d.getSpec().getTemplate().getSpec().getContainers().get(0).setResources(
                new io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder()
                        .addToLimits("cpu", new Quantity("8000m")).addToLimits("memory", new Quantity("4096Mi"))
                        .addToRequests("cpu", new Quantity("0.5")).build());
        client.resource(d).create();
        var resources = live().getSpec().getTemplate().getSpec().getContainers().get(0).getResources();
        assertEquals("8", resources.getLimits().get("cpu").toString());
        assertEquals("4Gi", resources.getLimits().get("memory").toString());
        assertEquals("500m", resources.getRequests().get("cpu").toString());
    }

    @Test
    void emptyMapsAndListsAreNotReturned() throws IOException {
        ConfigMap cm = configMap("empty");
        cm.setData(Map.of());
        cm.getMetadata().setLabels(Map.of());
        client.resource(cm).create();
        JsonNode live = raw("/api/v1/namespaces/mining/configmaps/empty");
        assertNull(live.get("data"));
        assertNull(live.path("metadata").get("labels"));
    }

    @Test
    void aNodeRegisteredWithoutAllocatableGetsItsCapacity() {
        Node node = new NodeBuilder().withNewMetadata().withName("gpu02").endMetadata()
                .withNewStatus().addToCapacity("cpu", new Quantity("32")).addToCapacity("memory", new Quantity("131813268Ki"))
                .endStatus().build();
        api.seed(node);
        Node live = client.nodes().withName("gpu02").get();
        assertEquals(live.getStatus().getCapacity(), live.getStatus().getAllocatable());
    }

    @Test
    void seedingIsNotARequestAndKeepsWhatARealServerReturned() throws IOException {
        for (String fixture : List.of("namespace-mining.yaml", "deployment-miner.yaml", "node-gpu01.yaml", "hpa-miner.yaml")) {
            api.seed("kubernetes/live/" + fixture);
        }
        assertEquals(List.of(), api.requests());
        for (String[] fixture : new String[][] {
                {"namespace-mining.yaml", "/api/v1/namespaces/mining"},
                {"deployment-miner.yaml", MINER},
                {"node-gpu01.yaml", "/api/v1/nodes/gpu01"},
                {"hpa-miner.yaml", "/apis/autoscaling/v2/namespaces/mining/horizontalpodautoscalers/miner"}}) {
            ObjectNode expected = (ObjectNode) fixture(fixture[0]);
            ObjectNode live = (ObjectNode) raw(fixture[1]);
            ((ObjectNode) expected.get("metadata")).remove("resourceVersion");
            assertNotNull(((ObjectNode) live.get("metadata")).remove("resourceVersion"));
            assertEquals(expected, live, fixture[0] + ": a live object is stored as it was read, defaults and all");
        }
    }

    @Test
    void manifestsComeBackAsTheLiveFixturesShowThem() throws IOException {
        for (String[] pair : new String[][] {
                {"namespace-mining", "/api/v1/namespaces/mining"},
                {"deployment-miner", MINER},
                {"hpa-miner", "/apis/autoscaling/v2/namespaces/mining/horizontalpodautoscalers/miner"}}) {
            try (InputStream config = getClass().getResourceAsStream("/kubernetes/live/" + pair[0] + "-config.yaml")) {
                client.resource(client.getKubernetesSerialization().unmarshal(config,
                        io.fabric8.kubernetes.api.model.HasMetadata.class)).create();
            }
            JsonNode live = fixture(pair[0] + ".yaml");
            JsonNode served = raw(pair[1]);
            assertEquals(live.get("spec"), served.get("spec"), pair[0] + ": spec as a real server returns it");
            assertEquals(live.path("metadata").get("labels"), served.path("metadata").get("labels"), pair[0]);
        }
    }

    @Test
    void aJsonPatchIntoAMissingParentIsInvalidAsOnARealServer() throws IOException {
        client.resource(configMap("miner-config")).create();
        KubernetesClientException e = assertThrows(KubernetesClientException.class, () -> client.configMaps()
                .inNamespace("mining").withName("miner-config").patch(PatchContext.of(PatchType.JSON),
                        "[{\"op\":\"add\",\"path\":\"/metadata/annotations/fleetform.dev~1owned\",\"value\":\"x\"}]"));
        assertEquals(422, e.getCode());
        assertNull(raw("/api/v1/namespaces/mining/configmaps/miner-config").path("metadata").get("annotations"));
        client.configMaps().inNamespace("mining").withName("miner-config").patch(PatchContext.of(PatchType.JSON),
                "[{\"op\":\"add\",\"path\":\"/metadata/annotations\",\"value\":{\"fleetform.dev/owned\":\"x\"}}]");
        assertEquals(Map.of("fleetform.dev/owned", "x"),
                client.configMaps().inNamespace("mining").withName("miner-config").get().getMetadata().getAnnotations());
    }

    @Test
    void withNamespacesRequiredACreateIntoAMissingOneIsNotFound() {
        api.requireNamespaces();
        assertEquals(List.of("default", "kube-node-lease", "kube-public", "kube-system"),
                client.namespaces().list().getItems().stream().map(n -> n.getMetadata().getName()).sorted().toList());
        KubernetesClientException missing = assertThrows(KubernetesClientException.class,
                () -> client.resource(configMap("miner-config")).create());
        assertEquals(404, missing.getCode());
        assertEquals("namespaces \"mining\" not found", missing.getStatus().getMessage());
        client.resource(namespace("mining")).create();
        client.resource(configMap("miner-config")).create();
        assertEquals(0, api.requests().stream().filter(r -> r.path().contains("kube-system")).count());
    }

    @Test
    void annotationsOver256KiBAreInvalid() {
        ConfigMap big = configMap("big");
        big.getMetadata().setAnnotations(Map.of("fleetform.dev/last-applied", "x".repeat(Validation.ANNOTATIONS_LIMIT)));
        KubernetesClientException tooLong = assertThrows(KubernetesClientException.class, () -> client.resource(big).create());
        assertEquals(422, tooLong.getCode());
        assertEquals("Invalid", tooLong.getStatus().getReason());
        assertTrue(tooLong.getStatus().getMessage().endsWith("metadata.annotations: Too long: must have at most 262144 bytes"));

        client.resource(configMap("small")).create();
        KubernetesClientException patched = assertThrows(KubernetesClientException.class, () -> client.configMaps()
                .inNamespace("mining").withName("small").patch(PatchContext.of(PatchType.JSON),
                        "[{\"op\":\"add\",\"path\":\"/metadata/annotations\",\"value\":{\"a\":\""
                                + "x".repeat(Validation.ANNOTATIONS_LIMIT) + "\"}}]"));
        assertEquals(422, patched.getCode());
    }

    @Test
    void aSeededManifestIsStoredAsIfSomeoneHadCreatedIt() {
        Deployment seeded = api.seed(miner("miner:1"));
        assertEquals(600, seeded.getSpec().getProgressDeadlineSeconds());
        assertNotNull(seeded.getMetadata().getUid());
        assertEquals(FrontDispatcher.SEED_MANAGER, seeded.getMetadata().getManagedFields().get(0).getManager());
        assertEquals(1L, live().getStatus().getObservedGeneration());
        assertEquals(0, api.writes());
    }

    static ConfigMap configMap(String name) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace("mining").endMetadata()
                .addToData("miner.toml", "pool = \"stratum+tcp://pool:3333\"\n").build();
    }

    static Namespace namespace(String name) {
        return new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build();
    }

    static HorizontalPodAutoscaler hpa(boolean behavior) {
        var builder = new HorizontalPodAutoscalerBuilder().withNewMetadata().withName("miner").withNamespace("mining").endMetadata()
                .withNewSpec().withMinReplicas(3).withMaxReplicas(12)
                .withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment").withName("miner").endScaleTargetRef()
                .addNewMetric().withType("Resource").withNewResource().withName("cpu").withNewTarget().withType("Utilization")
                .withAverageUtilization(70).endTarget().endResource().endMetric();
        if (behavior) {
            builder = builder.withNewBehavior().withNewScaleDown().withStabilizationWindowSeconds(600).endScaleDown().endBehavior();
        }
        return builder.endSpec().build();
    }

    private JsonNode fixture(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/kubernetes/live/" + name)) {
            return YAML.readTree(in);
        }
    }

    private Config noRetries() {
        try {
            Config config = Config.fromKubeconfig(null, Files.readString(api.kubeconfig(tempKubeconfig(), "test")), null);
            config.setRequestRetryBackoffLimit(0);
            return config;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Path tempKubeconfig() {
        try {
            Path file = Files.createTempFile("kubeconfig", ".yaml");
            file.toFile().deleteOnExit();
            Files.delete(file);
            return file;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
