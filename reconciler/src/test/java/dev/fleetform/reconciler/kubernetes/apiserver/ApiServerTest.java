package dev.fleetform.reconciler.kubernetes.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApiServerTest {
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
                .withNewSpec().addToContainers(new ContainerBuilder().withName("miner").withImage(image)
                        .addNewPort().withContainerPort(9100).endPort().build())
                .endSpec()
                .endTemplate()
                .endSpec().build();
    }

    @Test
    void aCreatedDeploymentComesBackDefaultedWithStatus() {
        Deployment created = client.resource(miner("ghcr.io/x/miner:1.2")).create();
        assertEquals(600, created.getSpec().getProgressDeadlineSeconds());
        Deployment live = client.apps().deployments().inNamespace("mining").withName("miner").get();
        System.out.println(client.getKubernetesSerialization().asYaml(live));
        assertEquals("RollingUpdate", live.getSpec().getStrategy().getType());
        assertEquals(1L, live.getStatus().getObservedGeneration());
        assertNotNull(live.getMetadata().getManagedFields());
        assertEquals(1, api.writes());
        assertTrue(api.requests().size() >= 2);
    }
}
