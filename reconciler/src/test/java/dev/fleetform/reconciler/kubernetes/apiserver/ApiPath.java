package dev.fleetform.reconciler.kubernetes.apiserver;

import java.util.Arrays;

/** The resource a request path names: {@code /apis/apps/v1/namespaces/mining/deployments/miner}. */
record ApiPath(String group, String namespace, String plural, String name) {

    static ApiPath parse(String path) {
        String[] parts = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toArray(String[]::new);
        int at;
        String group;
        if (parts.length >= 2 && parts[0].equals("api")) {
            group = "";
            at = 2;
        } else if (parts.length >= 3 && parts[0].equals("apis")) {
            group = parts[1];
            at = 3;
        } else {
            return new ApiPath("", null, null, null);
        }
        String namespace = null;
        if (parts.length - at >= 3 && parts[at].equals("namespaces")) {
            namespace = parts[at + 1];
            at += 2;
        }
        String plural = at < parts.length ? parts[at] : null;
        String name = at + 1 < parts.length ? parts[at + 1] : null;
        return new ApiPath(group, namespace, plural, name);
    }

    /** How kube-apiserver names the resource in messages: {@code deployments.apps}, {@code configmaps}. */
    String qualified() {
        return group.isEmpty() ? plural : plural + "." + group;
    }
}
