package dev.fleetform.reconciler.kubernetes.apiserver;

import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.api.model.ConfigBuilder;
import io.fabric8.kubernetes.api.model.NamedAuthInfo;
import io.fabric8.kubernetes.api.model.NamedAuthInfoBuilder;
import io.fabric8.kubernetes.api.model.NamedCluster;
import io.fabric8.kubernetes.api.model.NamedClusterBuilder;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.api.model.NamedContextBuilder;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A kubeconfig as {@code kubectl config} writes one: a cluster, a user and a context, all named
 * after the context. An existing file keeps its other entries, so several servers can share one
 * kubeconfig (one context per cluster of a fleet).
 */
final class Kubeconfig {
    private Kubeconfig() {
    }

    static Path write(Path file, String context, String server, String caData, String token) {
        try {
            String existing = Files.isRegularFile(file) ? Files.readString(file) : "";
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, render(existing, context, server, caData, token));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The kubeconfig text: {@code existing} (may be empty) with this context added or replaced. */
    static String render(String existingText, String context, String server, String caData, String token) {
        Config existing = existingText.isBlank()
                ? new ConfigBuilder().withApiVersion("v1").withKind("Config").build()
                : KubeConfigUtils.parseConfigFromString(existingText);
        NamedCluster cluster = new NamedClusterBuilder().withName(context)
                .withNewCluster().withServer(server).withCertificateAuthorityData(caData).endCluster().build();
        NamedAuthInfo user = new NamedAuthInfoBuilder().withName(context + "-admin")
                .withNewUser().withToken(token).endUser().build();
        NamedContext named = new NamedContextBuilder().withName(context)
                .withNewContext().withCluster(context).withUser(context + "-admin").withNamespace("default").endContext()
                .build();
        Config config = new ConfigBuilder(existing)
                .withApiVersion("v1").withKind("Config")
                .withClusters(replace(existing.getClusters(), cluster, NamedCluster::getName))
                .withUsers(replace(existing.getUsers(), user, NamedAuthInfo::getName))
                .withContexts(replace(existing.getContexts(), named, NamedContext::getName))
                .withCurrentContext(context)
                .build();
        return new KubernetesSerialization().asYaml(config);
    }

    private static <T> List<T> replace(List<T> entries, T entry, Function<T, String> name) {
        List<T> result = new ArrayList<>();
        if (entries != null) {
            entries.stream().filter(e -> !name.apply(e).equals(name.apply(entry))).forEach(result::add);
        }
        result.add(entry);
        return result;
    }
}
