package dev.fleetform.reconciler.kubernetes.prune;

import io.fabric8.kubernetes.api.model.DeleteOptionsBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.utils.URLUtils;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Deletes one inventoried object of a fleet, checking the rules again on a fresh GET and sending
 * the uid it saw as the DELETE's precondition, so an object deleted and made again under the same
 * name in between is never deleted (the API server answers 409). fabric8's DSL can only send a
 * resourceVersion precondition, which a status update would break, hence the plain request.
 *
 * <p>Faults of the API (403, 5xx, timeouts) are thrown as {@link KubernetesClientException} for
 * the provider's retry policy to handle; the result is only what the cluster said about the object.
 */
public final class Pruner {
    /** How long one DELETE may take before it is a fault (generous: a loaded API server). */
    static final long TIMEOUT_SECONDS = 60;

    private final String fleet;

    public Pruner(String fleet) {
        this.fleet = Objects.requireNonNull(fleet);
    }

    public PruneResult delete(KubernetesClient client, InventoryEntry entry) {
        ResourceDefinitionContext context = context(client, entry);
        GenericKubernetesResource live = get(client, context, entry);
        if (live == null || live.getMetadata().getDeletionTimestamp() != null) return new PruneResult.AlreadyGone(entry);
        Optional<PruneRules.Kept> kept = PruneRules.check(live, entry, fleet);
        if (kept.isPresent()) return new PruneResult.Kept(entry, kept.get().why(), kept.get().message());

        int code = deleteWithUid(client, context, entry);
        if (code >= 200 && code < 300) return new PruneResult.Deleted(entry);
        if (code == 404) return new PruneResult.AlreadyGone(entry);
        // 409: the precondition failed, the uid changed between the GET and the DELETE
        GenericKubernetesResource now = get(client, context, entry);
        if (now == null || now.getMetadata().getDeletionTimestamp() != null) return new PruneResult.AlreadyGone(entry);
        Optional<PruneRules.Kept> after = PruneRules.check(now, entry, fleet);
        if (after.isPresent()) return new PruneResult.Kept(entry, after.get().why(), after.get().message());
        throw new KubernetesClientException("deleting " + entry.describe() + ": HTTP 409 although its uid is still " + entry.uid(), 409, null);
    }

    private static GenericKubernetesResource get(KubernetesClient client, ResourceDefinitionContext context, InventoryEntry entry) {
        var resources = client.genericKubernetesResources(context);
        return (entry.namespace() == null ? resources.withName(entry.name()) : resources.inNamespace(entry.namespace()).withName(entry.name())).get();
    }

    /** The DELETE with {@code preconditions.uid}; its status code (2xx, 404 or 409), or a fault thrown. */
    private static int deleteWithUid(KubernetesClient client, ResourceDefinitionContext context, InventoryEntry entry) {
        var options = new DeleteOptionsBuilder()
                .withPropagationPolicy("Background")
                .withNewPreconditions().withUid(entry.uid()).endPreconditions()
                .build();
        String body = client.getKubernetesSerialization().asJson(options);
        HttpRequest request = client.getHttpClient().newHttpRequestBuilder()
                .uri(URLUtils.join(client.getMasterUrl().toString(), path(context, entry)))
                .delete("application/json", body)
                .build();
        HttpResponse<String> response;
        try {
            response = client.getHttpClient().sendAsync(request, String.class).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KubernetesClientException("interrupted while deleting " + entry.describe(), e);
        } catch (ExecutionException e) {
            throw new KubernetesClientException("deleting " + entry.describe() + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new KubernetesClientException("deleting " + entry.describe() + ": no answer within " + TIMEOUT_SECONDS + " s", e);
        }
        int code = response.code();
        if ((code >= 200 && code < 300) || code == 404 || code == 409) return code;
        throw new KubernetesClientException("deleting " + entry.describe() + ": HTTP " + code + " " + String.valueOf(response.body()).strip(), code, null);
    }

    /** {@code /apis/apps/v1/namespaces/mining/deployments/ore-miner}, {@code /api/v1/namespaces/mining}. */
    static String path(ResourceDefinitionContext c, InventoryEntry e) {
        StringBuilder p = new StringBuilder(c.getGroup() == null || c.getGroup().isEmpty() ? "api/" : "apis/" + c.getGroup() + "/");
        p.append(c.getVersion());
        if (e.namespace() != null) p.append("/namespaces/").append(e.namespace());
        return p.append('/').append(c.getPlural()).append('/').append(e.name()).toString();
    }

    /** The kind's plural and scope, from the model classes fabric8 knows (no discovery request). */
    private static ResourceDefinitionContext context(KubernetesClient client, InventoryEntry e) {
        Class<? extends KubernetesResource> type = client.getKubernetesSerialization().getRegisteredKubernetesResource(e.apiVersion(), e.kind());
        if (type == null || type == GenericKubernetesResource.class) {
            throw new KubernetesClientException("cannot delete " + e.describe() + ": " + e.apiVersion() + " " + e.kind()
                    + " is not a kind this Fleetform knows");
        }
        return ResourceDefinitionContext.fromResourceType(type);
    }
}
