package dev.fleetform.reconciler.kubernetes;

import dev.fleetform.compiler.model.Cluster;
import dev.fleetform.reconciler.engine.TargetUnavailable;
import dev.fleetform.reconciler.kubernetes.apiserver.ApiServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A cluster that cannot be reached is a plain message with a hint, never a stack trace. */
class KubeConnectionsTest {
    @TempDir
    Path dir;

    @Test
    void aKubeconfigWithoutTheClustersContextNamesTheContextsItHas() {
        try (ApiServer api = ApiServer.start()) {
            Path file = api.kubeconfig(dir.resolve("config"), "staging-admin");
            api.kubeconfig(file, "dev");
            Connections c = Connections.kubeconfig(file);
            TargetUnavailable e = assertThrows(TargetUnavailable.class, () -> c.client(new Cluster("prod", "prod-admin", List.of(), null)));
            assertEquals("kubeconfig " + file + " has no context 'prod-admin' (it has: staging-admin, dev)", e.getMessage());
            assertTrue(e.hint().contains("fleet.yaml"), e.hint());
            assertEquals("k8s/prod", e.target().address());
        }
    }

    @Test
    void anUnreachableApiServerIsUnavailable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path file = dir.resolve("config");
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: prod
                  cluster: { server: "https://127.0.0.1:%d", insecure-skip-tls-verify: true }
                users:
                - name: admin
                  user: { token: abc }
                contexts:
                - name: prod-admin
                  context: { cluster: prod, user: admin }
                current-context: prod-admin
                """.formatted(port));
        var fleet = new dev.fleetform.compiler.Validator(dev.fleetform.compiler.work.Workers.callerOnly()).validateFile(KubeFixture.EXAMPLE);
        try (Connections c = Connections.kubeconfig(file, java.time.Duration.ofSeconds(2))) {
            KubernetesProvider p = new KubernetesProvider(fleet.fleet(), fleet.index(),
                    new dev.fleetform.compiler.emit.EmitContext(dev.fleetform.compiler.emit.Templates.builtIn()), c,
                    new KubernetesProvider.Options(java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(2), 1, java.time.Duration.ofMillis(10)));
            TargetUnavailable e = assertThrows(TargetUnavailable.class, () -> p.observe(KubeFixture.PROD));
            assertEquals("cannot read cluster prod at https://127.0.0.1:" + port + "/: connection refused", e.getMessage());
            assertTrue(e.hint().startsWith("check that the API server https://127.0.0.1:" + port + "/ is reachable"), e.hint());
        }
    }

    @Test
    void aMissingKubeconfigFileIsUnavailable() {
        Connections c = Connections.kubeconfig(dir.resolve("nope"));
        TargetUnavailable e = assertThrows(TargetUnavailable.class, () -> c.client(new Cluster("prod", "prod-admin", List.of(), null)));
        assertTrue(e.getMessage().startsWith("cannot read kubeconfig " + dir.resolve("nope")), e.getMessage());
    }
}
