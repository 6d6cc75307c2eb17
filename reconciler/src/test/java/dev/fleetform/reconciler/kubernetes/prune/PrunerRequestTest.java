package dev.fleetform.reconciler.kubernetes.prune;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The Pruner's DELETE is a request of its own (fabric8's DSL cannot send a uid precondition): it
 * must still go out as the client's other requests do, with the kubeconfig user's credentials.
 */
@EnableKubernetesMockClient(crud = true)
class PrunerRequestTest {
    KubernetesClient client;
    KubernetesMockServer server;

    @Test
    void theDeleteCarriesTheClientsCredentials() throws Exception {
        try (KubernetesClient withToken = new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder(client.getConfiguration()).withOauthToken("fleetform-token").build()).build()) {
            Deployment created = withToken.resource(Live.<Deployment>owned("deployment", "mining", "old-miner")).create();

            PruneResult result = new Pruner(Live.FLEET).delete(withToken, InventoryEntry.of(created));

            assertInstanceOf(PruneResult.Deleted.class, result);
            RecordedRequest delete = null;
            for (RecordedRequest r; delete == null && (r = server.takeRequest(30, TimeUnit.SECONDS)) != null; ) {
                if (r.getMethod().equals("DELETE")) delete = r;
            }
            assertNotNull(delete, "a DELETE was sent");
            assertEquals("Bearer fleetform-token", delete.getHeader("Authorization"));
            assertEquals("application/json", delete.getHeader("Content-Type").split(";")[0].strip());
        }
    }
}
