package dev.fleetform.compiler.testing;

import dev.fleetform.compiler.Validation;
import dev.fleetform.compiler.Validator;
import dev.fleetform.compiler.diag.Diagnostic;
import dev.fleetform.compiler.load.FileSystemSource;
import dev.fleetform.compiler.load.FleetSource;
import dev.fleetform.compiler.load.FleetSourceException;
import dev.fleetform.compiler.model.Fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Builds fleets from YAML text in tests, through the real pipeline (load, schema, bind, rules).
 * The text is written to a temporary {@code fleet.yaml}; messages name it {@code fleet.yaml}.
 * Rule tests start from {@link #MINIMAL} or {@link #SAMPLE} and change them with
 * {@link #edit(String, String, String)}, which fails when the text to change is not there (so
 * a test cannot silently check the unchanged fleet).
 */
public final class Fleets {
    private Fleets() {
    }

    /** The smallest valid fleet: one host. */
    public static final String MINIMAL = """
            apiVersion: fleetform.dev/v1
            kind: Fleet
            metadata:
              name: minimal
            hosts:
              - name: node-01
                address: 10.0.0.11
                hostKey: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHCZe11hb02kUJD4Y+R/BIt3c0ZP+vYFddA+YT0i+NoQ"
            """;

    /**
     * A valid fleet using every section: defaults, a GPU profile used by {@code gpu-01} (whose
     * VM {@code gpu-01-vm1} has an A100-10C vGPU and is the only node of pool {@code miners}),
     * a storage host {@code store-01} with its own RAID 5 and ext4, bastions (an openssh one
     * that {@code defaults.ssh.via} uses), a group, a miner, an alert, receivers and routes.
     */
    public static final String SAMPLE = """
            apiVersion: fleetform.dev/v1
            kind: Fleet
            metadata:
              name: sample
              owners: [sre@example.com]
            defaults:
              ssh:
                user: ops
                port: 22
                identityFile: ~/.ssh/fleet_ed25519
                via: ops-jump
              baseline:
                sysctl: { vm.swappiness: "1", fs.file-max: "2097152" }
                limits: { nofile: 1048576 }
                dns: { nameservers: [10.0.0.2], search: [int.example.com] }
                packages: [chrony, prometheus-node-exporter]
                timezone: UTC
            profiles:
              gpu-a100:
                roles: [gpu]
                hardware:
                  cpu: { cores: 64 }
                  memoryGiB: 512
                  disks:
                    - { name: os, device: /dev/nvme0n1, sizeGiB: 960, media: nvme }
                    - { name: d1, device: /dev/nvme1n1, sizeGiB: 3840, media: nvme }
                    - { name: d2, device: /dev/nvme2n1, sizeGiB: 3840, media: nvme }
                  gpus:
                    - { name: gpu0, model: A100-40GB, pci: "0000:3b:00.0" }
                storage:
                  raid:
                    - { name: md0, level: 1, devices: [d1, d2] }
                  filesystems:
                    - { name: vmstore, on: md0, type: xfs, mountpoint: /var/lib/libvirt/images, mountOptions: [noatime] }
            hosts:
              - name: gpu-01
                profile: gpu-a100
                address: 10.0.2.11
                hostKey: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIM5YzlQZ0ThOHKhBQnQUxyGzzDQ4/QP5AKvFQ0YGA/qL"
                labels: { rack: r02, zone: az1 }
                vms:
                  - name: gpu-01-vm1
                    vcpus: 16
                    memoryGiB: 64
                    disks: [ { filesystem: vmstore, sizeGiB: 200 } ]
                    vgpus: [ { gpu: gpu0, profile: A100-10C } ]
                    network: { bridge: br0, address: 10.0.3.21 }
                    roles: [k8s-worker]
              - name: store-01
                address: 10.0.1.11
                hostKey: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIPXSJYlAIhrvsackli4JcCDK79Ac08lRUEvdzy1ubus1"
                roles: [storage]
                labels: { rack: r01, zone: az2 }
                services: [mysql]
                hardware:
                  cpu: { cores: 32 }
                  memoryGiB: 256
                  disks:
                    - { name: os, device: /dev/sda, sizeGiB: 480, media: ssd }
                    - { name: h1, device: /dev/sdb, sizeGiB: 16000, media: hdd }
                    - { name: h2, device: /dev/sdc, sizeGiB: 16000, media: hdd }
                    - { name: h3, device: /dev/sdd, sizeGiB: 16000, media: hdd }
                storage:
                  raid:
                    - { name: md1, level: 5, devices: [h1, h2, h3], chunkKiB: 256 }
                  filesystems:
                    - { name: data, on: md1, type: ext4, mountpoint: /srv/data, defrag: weekly }
            access:
              bastions:
                - { name: jump-01, kind: jumpserver, address: 10.0.0.5, port: 2222, requireVpn: true, mfa: totp }
                - { name: ops-jump, kind: openssh, address: 10.0.0.6, port: 22, user: fleetform }
              groups:
                - name: storage-ops
                  users: [alice, bob]
                  hosts: { roles: [storage] }
                  actions: [connect, upload, download]
            kubernetes:
              clusters:
                - name: prod
                  context: prod-admin
                  pools:
                    - name: miners
                      nodes: { roles: [k8s-worker], labels: { zone: az1 } }
                      labels: { fleetform.dev/pool: miners }
                      taints: [ { key: dedicated, value: miners, effect: NoSchedule } ]
                      gpuWorkload: vm-vgpu
                      vgpuConfig: A100-10C
            workloads:
              miners:
                - name: ore-miner
                  cluster: prod
                  pool: miners
                  namespace: mining
                  image: ghcr.io/regolith-labs/ore:3.4.15
                  replicas: 2
                  cores: 4
                  resources: { memory: 4Gi, gpu: 0 }
                  env: { PRIORITY_FEE: "5000", BUFFER_TIME: "5" }
                  secrets:
                    keypair: { secretRef: mining/ore-keypair#id.json, mountPath: /ore/id.json }
                    rpc: { secretRef: mining/solana-rpc#url, env: RPC }
                  maxUnavailable: 1
            monitoring:
              scrape:
                node: { port: 9100 }
                gpu: { port: 9400 }
                services:
                  mysql: { port: 9104 }
              baselineRules: true
              alerts:
                - name: MinerReplicasLow
                  expr: kube_deployment_status_replicas_available{deployment="ore-miner"} < 2
                  for: 5m
                  severity: warning
                  summary: ORE miner replicas below 2
                  labels: { team: mining }
              receivers:
                - name: sre-dingtalk
                  dingtalk: { urlSecretRef: monitoring/dingtalk#url, signSecretRef: monitoring/dingtalk#secret }
                - name: oncall-webhook
                  webhook: { url: "http://alert-router.internal:9000/hook" }
              routes:
                - { match: { severity: critical }, receiver: sre-dingtalk }
                - { match: { team: mining }, receiver: oncall-webhook }
            """;

    /** Validates {@code yaml} as {@code fleet.yaml}. */
    public static Validation validate(String yaml) {
        return validate(Map.of("fleet.yaml", yaml));
    }

    /**
     * Validates a fleet repo given as repo-relative path -> text; {@code fleet.yaml} is the
     * main file (the others are for {@code include:}). Messages name files repo-relative.
     */
    public static Validation validate(Map<String, String> files) {
        if (!files.containsKey("fleet.yaml")) throw new IllegalArgumentException("no fleet.yaml in " + files.keySet());
        Path dir = null;
        try {
            dir = Files.createTempDirectory("fleetform-test");
            for (var f : files.entrySet()) {
                Path p = dir.resolve(f.getKey());
                Files.createDirectories(p.getParent());
                Files.writeString(p, f.getValue(), StandardCharsets.UTF_8);
            }
            return Validator.validate(new RepoRelative(new FileSystemSource(dir)), "fleet.yaml");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (dir != null) delete(dir);
        }
    }

    /** Every diagnostic, errors and warnings, sorted by location. */
    public static List<Diagnostic> diagnostics(String yaml) {
        return validate(yaml).diagnostics();
    }

    /** Only the errors. */
    public static List<Diagnostic> errors(String yaml) {
        return diagnostics(yaml).stream().filter(Diagnostic::isError).toList();
    }

    /** Rule ids of every diagnostic (errors and warnings), sorted by location. */
    public static List<String> ids(String yaml) {
        return diagnostics(yaml).stream().map(Diagnostic::ruleId).toList();
    }

    /** The bound fleet; fails the test, listing the diagnostics, when it has errors. */
    public static Fleet fleet(String yaml) {
        Validation v = validate(yaml);
        if (!v.valid() || v.fleet() == null) {
            throw new AssertionError("fleet is not valid:\n" + render(v.diagnostics()));
        }
        return v.fleet();
    }

    /** {@code yaml} with the single occurrence of {@code from} replaced; fails if it occurs 0 or 2+ times. */
    public static String edit(String yaml, String from, String to) {
        int at = yaml.indexOf(from);
        if (at < 0) throw new AssertionError("text to edit not found: " + from);
        if (yaml.indexOf(from, at + 1) >= 0) throw new AssertionError("text to edit occurs more than once: " + from);
        return yaml.substring(0, at) + to + yaml.substring(at + from.length());
    }

    /** {@code path:line:col: error[ID]: message} lines, as the CLI prints them (without hints). */
    public static String render(List<Diagnostic> diagnostics) {
        return diagnostics.stream()
                .map(d -> d.location() + ": " + d.severity().label() + "[" + d.ruleId() + "]: " + d.message())
                .collect(Collectors.joining("\n"));
    }

    /** Names files as the repo does ({@code fleet.yaml}, {@code hosts/a.yaml}), not by their temporary path. */
    private record RepoRelative(FleetSource files) implements FleetSource {
        @Override
        public byte[] read(String path, long maxBytes) throws FleetSourceException {
            return files.read(path, maxBytes);
        }

        @Override
        public List<String> glob(String pattern) throws FleetSourceException {
            return files.glob(pattern);
        }

        @Override
        public String displayName(String path) {
            return path;
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            // A leftover temp file does not change any result.
        }
    }
}
