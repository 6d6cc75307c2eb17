package dev.fleetform.reconciler.kubernetes.prune;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.URLUtils;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Pins a quirk of fabric8's CRUD mock (7.1.0) that the prune tests live with: a DELETE's
 * {@code preconditions} are ignored (its handler reads the path only), where kube-apiserver answers
 * 409 Conflict. So the tests can check that the Pruner sends the uid precondition, not that a
 * server refuses; if this test fails, the mock learned preconditions and a test of the refusal
 * itself becomes possible.
 */
@EnableKubernetesMockClient(crud = true)
class MockDeletePreconditionQuirkTest {
    KubernetesClient client;

    @Test
    void theCrudMockDeletesDespiteAWrongUidPrecondition() throws Exception {
        ConfigMap cm = client.configMaps().inNamespace("mining")
                .resource(new ConfigMapBuilder().withNewMetadata().withName("env").endMetadata().addToData("K", "v").build()).create();
        String body = "{\"apiVersion\":\"v1\",\"kind\":\"DeleteOptions\",\"preconditions\":{\"uid\":\"not-" + cm.getMetadata().getUid() + "\"}}";
        var request = client.getHttpClient().newHttpRequestBuilder()
                .uri(URLUtils.join(client.getMasterUrl().toString(), "api/v1/namespaces/mining/configmaps/env"))
                .delete("application/json", body).build();

        int code = client.getHttpClient().sendAsync(request, String.class).get(60, TimeUnit.SECONDS).code();

        assertEquals(200, code, "kube-apiserver answers 409 here");
        assertNull(client.configMaps().inNamespace("mining").withName("env").get());
    }
}
