package dev.fleetform.reconciler.kubernetes.prune;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code fleet-repo-example/deploy/rbac.yaml} grants the reconciler what it needs and no more,
 * read as the API server would read it (fabric8's model: a misspelt key lands in
 * additionalProperties, an unknown kind is no model class).
 */
class RbacManifestTest {
    private static final Path REPO = Path.of("../fleet-repo-example");
    private static final Path RBAC = REPO.resolve("deploy/rbac.yaml");
    private static final Set<String> CRUD = Set.of("get", "list", "create", "patch", "delete");

    private static List<HasMetadata> objects() throws IOException {
        try (var in = Files.newInputStream(RBAC)) {
            Object parsed = new KubernetesSerialization().unmarshal(in);
            if (parsed instanceof KubernetesList list) return list.getItems();
            if (parsed instanceof List<?> list) return list.stream().map(HasMetadata.class::cast).toList();
            return List.of((HasMetadata) parsed);
        }
    }

    private static <T> T only(Class<T> type) throws IOException {
        List<T> found = objects().stream().filter(type::isInstance).map(type::cast).toList();
        assertEquals(1, found.size(), "one " + type.getSimpleName());
        return found.getFirst();
    }

    /** group/resource -> verbs (and resource names, when narrowed: {@code secrets[a,b]}). */
    private static Map<String, Set<String>> grants(List<PolicyRule> rules) {
        Map<String, Set<String>> m = new TreeMap<>();
        for (PolicyRule r : rules) {
            for (String g : r.getApiGroups()) {
                for (String res : r.getResources()) {
                    String key = (g.isEmpty() ? "core" : g) + "/" + res
                            + (r.getResourceNames() == null || r.getResourceNames().isEmpty() ? "" : new TreeSet<>(r.getResourceNames()).toString());
                    m.computeIfAbsent(key, k -> new TreeSet<>()).addAll(r.getVerbs());
                }
            }
        }
        return m;
    }

    private static JsonNode fleet() throws IOException {
        return new ObjectMapper(new YAMLFactory()).readTree(REPO.resolve("fleet.yaml").toFile());
    }

    @Test
    void itIsValidObjectsOfKnownKindsWithNothingMisspelt() throws IOException {
        List<String> kinds = new ArrayList<>();
        for (HasMetadata o : objects()) {
            kinds.add(o.getKind());
            assertFalse(o.getClass().getSimpleName().equals("GenericKubernetesResource"), "an unknown kind: " + o.getKind());
        }
        assertEquals(List.of("Namespace", "ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding"), kinds);
        for (PolicyRule r : Stream.concat(only(ClusterRole.class).getRules().stream(), only(Role.class).getRules().stream()).toList()) {
            assertTrue(r.getAdditionalProperties().isEmpty(), "unknown keys in a rule: " + r.getAdditionalProperties());
            assertFalse(r.getApiGroups().isEmpty() || r.getResources().isEmpty() || r.getVerbs().isEmpty(), "an empty list in " + r);
        }
    }

    @Test
    void noWildcardNoPrivilegeEscalationNoRbacWrites() throws IOException {
        for (PolicyRule r : Stream.concat(only(ClusterRole.class).getRules().stream(), only(Role.class).getRules().stream()).toList()) {
            for (List<String> values : List.of(r.getApiGroups(), r.getResources(), r.getVerbs(),
                    r.getResourceNames() == null ? List.<String>of() : r.getResourceNames())) {
                assertFalse(values.stream().anyMatch(v -> v.contains("*")), "a wildcard in " + r);
            }
            assertTrue(r.getNonResourceURLs() == null || r.getNonResourceURLs().isEmpty(), "non-resource URLs in " + r);
            assertFalse(r.getVerbs().stream().anyMatch(Set.of("escalate", "bind", "impersonate", "deletecollection")::contains), r.toString());
            assertFalse(r.getApiGroups().contains("rbac.authorization.k8s.io"), "RBAC is not the reconciler's to change: " + r);
        }
    }

    @Test
    void theClusterRoleGrantsExactlyWhatTheReconcilerUses() throws IOException {
        Map<String, Set<String>> expected = new TreeMap<>();
        expected.put("core/nodes", Set.of("get", "list", "patch"));
        for (String r : List.of("core/namespaces", "core/configmaps", "apps/deployments", "policy/poddisruptionbudgets",
                "autoscaling/horizontalpodautoscalers")) {
            expected.put(r, CRUD);
        }
        expected.put("core/secrets" + secretNames(), Set.of("get"));
        assertEquals(expected, grants(only(ClusterRole.class).getRules()));
    }

    /** The Secrets the miners reference in fleet.yaml: exactly the names the reconciler may get. */
    private static TreeSet<String> secretNames() throws IOException {
        TreeSet<String> names = new TreeSet<>();
        for (JsonNode miner : fleet().path("workloads").path("miners")) {
            for (JsonNode secret : miner.path("secrets")) {
                String ref = secret.path("secretRef").asText();
                names.add(ref.substring(ref.indexOf('/') + 1, ref.indexOf('#')));
            }
        }
        assertFalse(names.isEmpty(), "the example's miners reference Secrets");
        return names;
    }

    @Test
    void secretsAreOnlyReadByNameNeverListed() throws IOException {
        for (PolicyRule r : only(ClusterRole.class).getRules()) {
            if (!r.getResources().contains("secrets")) continue;
            assertEquals(List.of("get"), r.getVerbs());
            assertEquals(secretNames(), new TreeSet<>(r.getResourceNames()), "keep rbac.yaml in step with the secretRefs of fleet.yaml");
        }
        assertFalse(grants(only(Role.class).getRules()).keySet().stream().anyMatch(k -> k.contains("secrets")));
    }

    @Test
    void theRoleInFleetformSystemCoversTheInventoryAndTheLease() throws IOException {
        Role role = only(Role.class);
        assertEquals(InventoryStore.NAMESPACE, role.getMetadata().getNamespace());
        String inventory = InventoryStore.configMapName(fleet().path("metadata").path("name").asText());
        assertEquals(Map.of(
                "core/configmaps[" + inventory + "]", Set.of("update"),
                "coordination.k8s.io/leases", Set.of("create"),
                "coordination.k8s.io/leases[fleetform-reconciler]", Set.of("get", "patch")), grants(role.getRules()));
        assertEquals(InventoryStore.NAMESPACE, only(Namespace.class).getMetadata().getName());
        assertFalse(FleetLabels.carries(only(Namespace.class), fleet().path("metadata").path("name").asText()), "no fleet may prune it");
    }

    @Test
    void bothBindingsGiveTheirRoleToTheReconcilersServiceAccountOnly() throws IOException {
        ServiceAccount sa = only(ServiceAccount.class);
        assertEquals(InventoryStore.NAMESPACE, sa.getMetadata().getNamespace());
        Subject expected = new Subject(null, "ServiceAccount", sa.getMetadata().getName(), sa.getMetadata().getNamespace());
        ClusterRoleBinding crb = only(ClusterRoleBinding.class);
        assertEquals(new RoleRef("rbac.authorization.k8s.io", "ClusterRole", only(ClusterRole.class).getMetadata().getName()), crb.getRoleRef());
        assertEquals(List.of(expected), crb.getSubjects());
        RoleBinding rb = only(RoleBinding.class);
        assertEquals(InventoryStore.NAMESPACE, rb.getMetadata().getNamespace());
        assertEquals(new RoleRef("rbac.authorization.k8s.io", "Role", only(Role.class).getMetadata().getName()), rb.getRoleRef());
        assertEquals(List.of(expected), rb.getSubjects());
    }

    @Test
    void everyRuleSaysWhyInAComment() throws IOException {
        List<String> lines = Files.readAllLines(RBAC);
        int rules = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).strip().startsWith("- apiGroups:")) continue;
            rules++;
            assertTrue(lines.get(i - 1).strip().startsWith("#"), "no comment above the rule at line " + (i + 1));
        }
        assertEquals(only(ClusterRole.class).getRules().size() + only(Role.class).getRules().size(), rules);
    }
}
