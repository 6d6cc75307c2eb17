package dev.fleetform.cli;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code fleet-repo-example/deploy/}: the Deployment is what rbac.yaml's ServiceAccount runs, with
 * arguments the CLI accepts, files where its Secrets are mounted, the probes on the port it
 * listens on, and no root, no writable image; the scrape config passes the real promtool; the
 * systemd unit passes {@code systemd-analyze verify}.
 */
class DeployManifestTest {
    private static final Path DEPLOY = Cli.repoRoot().resolve("fleet-repo-example/deploy");

    private static List<HasMetadata> objects(String file) throws IOException {
        try (var in = Files.newInputStream(DEPLOY.resolve(file))) {
            Object parsed = new KubernetesSerialization().unmarshal(in);
            if (parsed instanceof KubernetesList list) return list.getItems();
            if (parsed instanceof List<?> list) return list.stream().map(HasMetadata.class::cast).toList();
            return List.of((HasMetadata) parsed);
        }
    }

    private static <T> List<T> of(String file, Class<T> type) throws IOException {
        return objects(file).stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static Deployment deployment() throws IOException {
        List<Deployment> d = of("reconciler.yaml", Deployment.class);
        assertEquals(1, d.size());
        return d.getFirst();
    }

    @Test
    void theDeploymentRunsTwoElectedReplicasAsRbacsServiceAccountWithArgumentsTheCliAccepts() throws IOException {
        Deployment d = deployment();
        ServiceAccount sa = of("rbac.yaml", ServiceAccount.class).getFirst();
        assertEquals(of("rbac.yaml", Namespace.class).getFirst().getMetadata().getName(), d.getMetadata().getNamespace());
        assertEquals(sa.getMetadata().getName(), d.getSpec().getTemplate().getSpec().getServiceAccountName());
        assertEquals(2, d.getSpec().getReplicas());
        assertEquals(d.getSpec().getSelector().getMatchLabels(), Map.copyOf(d.getSpec().getTemplate().getMetadata().getLabels()));
        Container c = d.getSpec().getTemplate().getSpec().getContainers().getFirst();
        assertTrue(c.getAdditionalProperties().isEmpty(), "misspelt keys: " + c.getAdditionalProperties());
        assertTrue(d.getSpec().getTemplate().getSpec().getAdditionalProperties().isEmpty());

        // parsed as `fleetform` would parse them: a typo in an option fails here, not in the cluster
        CommandLine.ParseResult parsed = FleetformCommand.commandLine().parseArgs(c.getArgs().toArray(String[]::new));
        CommandLine.ParseResult reconcile = parsed.subcommand();
        assertEquals("reconcile", reconcile.commandSpec().name());
        assertTrue(reconcile.hasMatchedOption("--leader-elect"));
        assertFalse(reconcile.hasMatchedOption("--once"));
        assertTrue(c.getEnv().stream().anyMatch(e -> e.getName().equals("POD_NAME")
                && e.getValueFrom().getFieldRef().getFieldPath().equals("metadata.name")), "the Lease holder is the pod's name");
        assertTrue(c.getEnv().stream().anyMatch(e -> e.getName().equals("POD_IP")
                && e.getValueFrom().getFieldRef().getFieldPath().equals("status.podIP")), "and its address, for hooks the standby passes on");
        assertFalse(reconcile.hasMatchedOption("--advertise"), "$POD_IP and the --listen port");
        assertNotNull(reconcile.matchedOptionValue("--webhook-secret-file", null), "a standby checks a hook before passing it on");

        // the Lease it elects on (its default name, in the pod's namespace) is the one rbac.yaml's Role may get and patch
        String lease = reconcile.commandSpec().findOption("--leader-elect-lease").defaultValue();
        assertFalse(reconcile.hasMatchedOption("--leader-elect-namespace"), "the pod's own namespace");
        io.fabric8.kubernetes.api.model.rbac.Role role = of("rbac.yaml", io.fabric8.kubernetes.api.model.rbac.Role.class).getFirst();
        assertEquals(d.getMetadata().getNamespace(), role.getMetadata().getNamespace());
        assertTrue(role.getRules().stream().anyMatch(r -> r.getResources().equals(List.of("leases")) && r.getResourceNames() != null
                && r.getResourceNames().equals(List.of(lease)) && r.getVerbs().containsAll(List.of("get", "patch"))), role.getRules().toString());

        // the probes on the port it listens on
        String listen = reconcile.matchedOptionValue("--listen", "");
        int port = Integer.parseInt(listen.substring(listen.lastIndexOf(':') + 1));
        assertTrue(listen.startsWith("0.0.0.0:"), "reachable from the kubelet and Prometheus: " + listen);
        assertEquals(port, c.getPorts().getFirst().getContainerPort());
        assertEquals("/healthz", c.getLivenessProbe().getHttpGet().getPath());
        assertEquals("/readyz", c.getReadinessProbe().getHttpGet().getPath());
        assertEquals(c.getPorts().getFirst().getName(), c.getReadinessProbe().getHttpGet().getPort().getStrVal());

        // the secrets are files in mounted Secrets, the cache is writable, nothing else is
        Map<String, Volume> volumes = new java.util.HashMap<>();
        d.getSpec().getTemplate().getSpec().getVolumes().forEach(v -> volumes.put(v.getName(), v));
        for (String option : List.of("--token-file", "--webhook-secret-file")) {
            Volume v = volumeOf(c, volumes, reconcile.matchedOptionValue(option, (Path) null).toString());
            assertNotNull(v.getSecret(), option + " is in a Secret");
        }
        assertNotNull(volumeOf(c, volumes, "/home/fleetform/.ssh/fleet_ed25519").getSecret(), "the hosts' SSH key is a Secret");
        assertEquals(List.of("fleetform-git", "fleetform-ssh", "fleetform-webhook"), volumes.values().stream()
                .filter(v -> v.getSecret() != null).map(v -> v.getSecret().getSecretName()).sorted().toList());
        assertNotNull(volumeOf(c, volumes, reconcile.matchedOptionValue("--cache-dir", (Path) null) + "/x").getEmptyDir());
        assertNotNull(volumeOf(c, volumes, "/tmp/x").getEmptyDir());

        var pod = d.getSpec().getTemplate().getSpec().getSecurityContext();
        assertTrue(pod.getRunAsNonRoot());
        assertTrue(pod.getRunAsUser() > 0);
        assertTrue(c.getSecurityContext().getReadOnlyRootFilesystem());
        assertFalse(c.getSecurityContext().getAllowPrivilegeEscalation());
        assertEquals(List.of("ALL"), c.getSecurityContext().getCapabilities().getDrop());
        Map<String, Quantity> req = c.getResources().getRequests();
        assertTrue(req.containsKey("cpu") && req.containsKey("memory") && c.getResources().getLimits().containsKey("memory"));
    }

    private static Volume volumeOf(Container c, Map<String, Volume> volumes, String file) {
        VolumeMount m = c.getVolumeMounts().stream().filter(vm -> file.startsWith(vm.getMountPath() + "/")).findFirst()
                .orElseThrow(() -> new AssertionError("no volume mounted over " + file));
        return volumes.get(m.getName());
    }

    @Test
    void prometheusScrapesEveryReplicaThroughTheHeadlessService() throws Exception {
        Path scrape = DEPLOY.resolve("prometheus-scrape.yml");
        Service headless = of("reconciler.yaml", Service.class).stream().filter(s -> "None".equals(s.getSpec().getClusterIP()))
                .findFirst().orElseThrow();
        String name = headless.getMetadata().getName() + "." + headless.getMetadata().getNamespace() + ".svc.cluster.local";
        String text = Files.readString(scrape);
        assertTrue(text.contains("names: [" + name + "]"), "the DNS name of the headless Service: " + name);
        assertTrue(text.contains("port: " + headless.getSpec().getPorts().getFirst().getPort()));
        Process p = new ProcessBuilder("promtool", "check", "config", scrape.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
    }

    /** The JVM flags the launcher gives `fleetform reconcile` as a daemon: the one place they are chosen. */
    private static List<String> daemonFlags() throws IOException {
        String launcher = Files.readString(Cli.repoRoot().resolve("fleetform"));
        Matcher m = Pattern.compile("if \\[ -n \"\\$daemon\" \\]; then\\s+exec \"\\$java\" (.*?) -jar \"\\$jar\" \"\\$@\"").matcher(launcher);
        assertTrue(m.find(), "the launcher's daemon line");
        List<String> flags = List.of(m.group(1).split(" "));
        assertTrue(flags.stream().anyMatch(f -> f.startsWith("-XX:MaxRAMPercentage=")) && flags.stream().noneMatch(f -> f.contains("TieredStopAtLevel")),
                "a heap from the memory limit, the tiered JIT: " + flags);
        return flags;
    }

    @Test
    void theImageRunsTheDaemonsJvm() throws IOException {
        String dockerfile = Files.readString(DEPLOY.resolve("Dockerfile"));
        StringBuilder entrypoint = new StringBuilder("ENTRYPOINT [\"java\"");
        for (String f : daemonFlags()) entrypoint.append(", \"").append(f).append('"');
        entrypoint.append(", \"-jar\", \"/opt/fleetform/fleetform.jar\"]");
        assertTrue(dockerfile.contains(entrypoint), "expected " + entrypoint + " in\n" + dockerfile);
    }

    @Test
    void theJibImageRunsTheDaemonsJvmAsTheDeploymentsUserOnItsPort() throws Exception {
        // cli/pom.xml's profile `image` (scripts/build-image.sh; scripts/check-image.sh runs the result)
        var doc = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(DEPLOY.resolve("../../cli/pom.xml").toFile());
        var xpath = javax.xml.xpath.XPathFactory.newInstance().newXPath();
        String jib = "//profile[id='image']//plugin[artifactId='jib-maven-plugin']/configuration";
        assertEquals("scratch", xpath.evaluate(jib + "/from/image", doc), "nothing pulled from a registry");
        var entry = (org.w3c.dom.NodeList) xpath.evaluate(jib + "/container/entrypoint/arg", doc, javax.xml.xpath.XPathConstants.NODESET);
        List<String> args = new java.util.ArrayList<>();
        for (int i = 0; i < entry.getLength(); i++) args.add(entry.item(i).getTextContent().strip());
        List<String> want = new java.util.ArrayList<>(List.of("/opt/java/bin/java"));
        want.addAll(daemonFlags());
        want.addAll(List.of("-cp", "@/app/jib-classpath-file", "dev.fleetform.cli.Main"));
        assertEquals(want, args, "the daemon's JVM (the launcher's flags), not the CLI's");
        var pod = deployment().getSpec().getTemplate().getSpec();
        assertEquals(pod.getSecurityContext().getRunAsUser() + ":" + pod.getSecurityContext().getRunAsGroup(), xpath.evaluate(jib + "/container/user", doc));
        assertEquals(String.valueOf(pod.getContainers().getFirst().getPorts().getFirst().getContainerPort()), xpath.evaluate(jib + "/container/ports/port", doc));
        assertTrue(Files.isExecutable(DEPLOY.resolve("../../cli/src/image/image-root.sh")));
    }

    @Test
    void theSystemdUnitVerifies() throws Exception {
        Path unit = DEPLOY.resolve("fleetform-reconcile.service");
        String text = Files.readString(unit);
        assertTrue(text.contains("Environment=JAVA_OPTS=\"" + String.join(" ", daemonFlags()) + "\""), "the daemon's JVM, as the launcher runs it:\n" + text);
        assertTrue(text.contains("LoadCredential=git-token:") && text.contains("$CREDENTIALS_DIRECTORY/git-token"));
        boolean analyze = Files.isExecutable(Path.of("/usr/bin/systemd-analyze"));
        Assumptions.assumeTrue(analyze, "systemd-analyze is not installed: the unit's syntax is not checked");
        Process p = new ProcessBuilder("systemd-analyze", "verify", unit.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertFalse(out.contains("Unknown key") || out.contains("Invalid"), out);
    }
}
