package dev.fleetform.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Writes a synthetic, valid fleet.yaml host by host, so memory stays flat for any fleet size.
 * Every host is a pure function of (seed, index, changed?): the "changed" variant of a fleet
 * differs from the original exactly on the hosts {@link #changed(int)} picks.
 */
final class SyntheticFleet {

    static final int MAX_HOSTS = 1_000_000;
    static final int MINERS = 200;
    /** Miner names have three digits. */
    static final int MAX_MINERS = 999;
    static final int ALERTS = 500;
    static final int VMS_PER_GPU_HOST = 4;
    /** Share of the miner pool's cores the miners may take at peak (room for the kubelet). */
    private static final int MINER_CORE_PERCENT = 75;

    /** What was written. */
    record Stats(int hosts, int vms, int changedHosts, int miners, int alerts) {
    }

    private final int hosts;
    private final Seeded random;
    /** Hosts changed in basis points (1/100 of a percent); 0 writes the original fleet. */
    private final int changedBasisPoints;
    /** Miners asked for; fewer are written when the cpu-miners pool has fewer cores. */
    private final int minerCount;

    SyntheticFleet(int hosts, long seed, double changedPercent) {
        this(hosts, seed, changedPercent, MINERS);
    }

    SyntheticFleet(int hosts, long seed, double changedPercent, int miners) {
        if (miners < 1 || miners > MAX_MINERS) {
            throw new IllegalArgumentException("--miners must be between 1 and " + MAX_MINERS);
        }
        if (hosts < HostKind.MIN_HOSTS || hosts > MAX_HOSTS) {
            throw new IllegalArgumentException("--hosts must be between " + HostKind.MIN_HOSTS + " and " + MAX_HOSTS);
        }
        if (changedPercent < 0 || changedPercent > 100) {
            throw new IllegalArgumentException("--changed-percent must be between 0 and 100");
        }
        this.hosts = hosts;
        this.random = new Seeded(seed);
        this.changedBasisPoints = (int) Math.round(changedPercent * 100);
        this.minerCount = miners;
    }

    boolean changed(int host) {
        return random.below(host, Draw.CHANGED, 10_000) < changedBasisPoints;
    }

    Stats write(Writer out) throws IOException {
        out.write(head());
        out.write("hosts:\n");
        StringBuilder sb = new StringBuilder(2048);
        int vms = 0;
        int changedHosts = 0;
        int cpuHosts = 0;
        for (int i = 0; i < hosts; i++) {
            boolean changed = changed(i);
            HostKind kind = HostKind.of(i, random);
            if (kind == HostKind.CPU) cpuHosts++;
            if (changed) changedHosts++;
            sb.setLength(0);
            vms += host(sb, i, kind, changed);
            out.append(sb);
        }
        int miners = miners(out, minerCount, cpuHosts * HostKind.CPU_CORES * MINER_CORE_PERCENT / 100);
        monitoring(out);
        return new Stats(hosts, vms, changedHosts, miners, ALERTS);
    }

    /** Writes host {@code i} (flow style where it fits: the 50k fleet must stay under 16 MiB); returns its VMs. */
    private int host(StringBuilder sb, int i, HostKind kind, boolean changed) {
        String name = kind.namePrefix + "-" + sixDigits(i);
        HostKind profile = changed ? kind.changedProfile() : kind;
        boolean hypervisor = kind == HostKind.GPU_A100 || kind == HostKind.GPU_L40S;
        // a hypervisor is a block (its vms follow); any other host is one flow-style line
        String between = hypervisor ? "\n    " : ", ";
        sb.append(hypervisor ? "  - " : "  - {").append("name: ").append(name)
          .append(between).append("profile: ").append(profile.profile)
          .append(between).append("address: ").append(address(16, i))
          // a changed host moved one rack along
          .append(between).append("labels: {rack: r").append(i / 40 + (changed ? 1 : 0))
          .append(", zone: az").append(1 + random.below(i, Draw.ZONE, 3));
        if (kind == HostKind.KUBEVIRT_L40S) sb.append(", pool: kubevirt-vgpu}, roles: [gpu, k8s-worker]");
        else sb.append('}');
        if (kind == HostKind.STORAGE_RAID10 || kind == HostKind.STORAGE_RAID6) services(sb, i);
        if (!hypervisor) {
            sb.append("}\n");
            return 0;
        }
        sb.append('\n');
        return vms(sb, name, i, changed, kind == HostKind.GPU_A100 ? Guest.A100 : Guest.L40S);
    }

    private static String sixDigits(int n) {
        String s = Integer.toString(n);
        return "000000".substring(Math.min(6, s.length())) + s;
    }

    private void services(StringBuilder sb, int i) {
        switch (random.below(i, Draw.SERVICES, 4)) {
            case 0 -> sb.append(", services: [mysql]");
            case 1 -> sb.append(", services: [redis]");
            case 2 -> sb.append(", services: [redis, mongodb]");
            default -> {
            }
        }
    }

    /**
     * Guest shapes that fit a GPU host within its profile's limits (all cores, most memory and disk).
     * A100 (64 cores, 512 - 16 GiB, 3576 GiB RAID1): 4 x (16 vCPU, 112 GiB, 800 GiB), one
     * A100-20C each, two per GPU (gpu1 is mixed-size: 2 x 20 = 40 GiB). L40S (96 cores,
     * 768 - 16 GiB, 7152 GiB RAID10): 4 x (24 vCPU, 176 GiB, 1600 GiB), a whole L40S-48C each.
     * Changed hosts get smaller guests.
     */
    private enum Guest {
        A100(16, 112, 800, 12, 96, 700, "A100-20C", 2),
        L40S(24, 176, 1600, 20, 160, 1400, "L40S-48C", 1);

        final int vcpus, memoryGiB, diskGiB, changedVcpus, changedMemoryGiB, changedDiskGiB;
        final String vgpuProfile;
        final int perGpu;

        Guest(int vcpus, int memoryGiB, int diskGiB, int changedVcpus, int changedMemoryGiB, int changedDiskGiB,
              String vgpuProfile, int perGpu) {
            this.vcpus = vcpus;
            this.memoryGiB = memoryGiB;
            this.diskGiB = diskGiB;
            this.changedVcpus = changedVcpus;
            this.changedMemoryGiB = changedMemoryGiB;
            this.changedDiskGiB = changedDiskGiB;
            this.vgpuProfile = vgpuProfile;
            this.perGpu = perGpu;
        }
    }

    private int vms(StringBuilder sb, String host, int i, boolean changed, Guest guest) {
        sb.append("    vms:\n");
        for (int k = 0; k < VMS_PER_GPU_HOST; k++) {
            sb.append("      - {name: ").append(host).append("-vm").append(k + 1)
              .append(", vcpus: ").append(changed ? guest.changedVcpus : guest.vcpus)
              .append(", memoryGiB: ").append(changed ? guest.changedMemoryGiB : guest.memoryGiB)
              .append(", disks: [{filesystem: vmstore, sizeGiB: ").append(changed ? guest.changedDiskGiB : guest.diskGiB)
              .append("}], vgpus: [{gpu: gpu").append(k / guest.perGpu).append(", profile: ").append(guest.vgpuProfile)
              .append("}], network: {bridge: br0, address: ").append(address(128, VMS_PER_GPU_HOST * i + k))
              .append("}, labels: {pool: gpu-vms}}\n");
        }
        return VMS_PER_GPU_HOST;
    }

    /** {@code 10.<first + n/62500>.x.y}: hosts from 10.16, VMs from 10.128, never reused. */
    private static String address(int firstOctet, int n) {
        return "10." + (firstOctet + n / 62_500) + "." + (n / 250 % 250) + "." + (n % 250 + 1);
    }

    /**
     * Up to {@code minerCount} miners sharing {@code cores} of the cpu-miners pool of cluster
     * {@code bench}; every fourth one autoscales. Returns how many were written (fewer only when a
     * tiny fleet has fewer cores).
     */
    static int miners(Writer out, int minerCount, int cores) throws IOException {
        int miners = Math.min(minerCount, cores);
        int perMiner = cores / miners;
        int minerCores = Math.min(8, perMiner);
        int replicas = perMiner / minerCores;
        out.write("workloads:\n  miners:\n");
        StringBuilder sb = new StringBuilder(1024);
        for (int m = 0; m < miners; m++) {
            sb.setLength(0);
            String name = "ore-miner-%03d".formatted(m);
            sb.append("    - name: ").append(name).append('\n')
              .append("      cluster: bench\n      pool: cpu-miners\n      namespace: mining\n")
              .append("      image: ghcr.io/regolith-labs/ore:3.4.15\n")
              .append("      replicas: ").append(replicas).append('\n')
              .append("      cores: ").append(minerCores).append('\n')
              .append("      resources: { memory: 4Gi }\n")
              .append("      env: { PRIORITY_FEE: \"").append(5000 + 100 * (m % 50)).append("\", BUFFER_TIME: \"5\" }\n")
              .append("      secrets:\n")
              .append("        keypair: { secretRef: mining/").append(name).append("-keypair#id.json, mountPath: /ore/id.json }\n")
              .append("        rpc: { secretRef: mining/solana-rpc#url, env: RPC }\n");
            if (m % 4 == 0) {
                sb.append("      autoscale: { min: ").append(Math.max(1, replicas / 2))
                  .append(", max: ").append(replicas).append(", targetCpuPercent: 80 }\n");
            }
            out.append(sb);
        }
        return miners;
    }

    private void monitoring(Writer out) throws IOException {
        out.write("""
                monitoring:
                  scrape:
                    node: { port: 9100 }
                    gpu: { port: 9400 }
                    services: { mysql: { port: 9104 }, redis: { port: 9121 }, mongodb: { port: 9216 } }
                  baselineRules: true
                  alerts:
                """);
        String[] severities = {"info", "warning", "critical"};
        StringBuilder sb = new StringBuilder(512);
        for (int a = 0; a < ALERTS; a++) {
            AlertTemplates.Template t = AlertTemplates.ALL.get(a % AlertTemplates.ALL.size());
            int n = random.below(a, Draw.ALERT, hosts);
            sb.setLength(0);
            sb.append("    - name: ").append(t.name()).append("%04d".formatted(a)).append('\n')
              .append("      expr: ").append(YamlScalars.quoted(t.expr().apply(n))).append('\n')
              .append("      for: ").append(AlertTemplates.FOR.get(a % AlertTemplates.FOR.size())).append('\n')
              .append("      severity: ").append(severities[a % severities.length]).append('\n')
              .append("      summary: ").append(YamlScalars.quoted(t.name() + " #" + a + " (synthetic)")).append('\n')
              .append("      labels: { team: ").append(t.team()).append(" }\n");
            out.append(sb);
        }
        out.write("""
                  receivers:
                    - name: sre-dingtalk
                      dingtalk: { urlSecretRef: monitoring/dingtalk-sre#url, signSecretRef: monitoring/dingtalk-sre#secret }
                    - name: mining-dingtalk
                      dingtalk: { urlSecretRef: monitoring/dingtalk-mining#url }
                    - name: storage-webhook
                      webhook: { url: http://alert-router.int.example.com:9000/storage }
                    - name: gpu-webhook
                      webhook: { url: http://alert-router.int.example.com:9000/gpu }
                    - name: dba-webhook
                      webhook: { url: http://alert-router.int.example.com:9000/dba }
                  routes:
                    - { match: { severity: critical }, receiver: sre-dingtalk }
                    - { match: { team: mining }, receiver: mining-dingtalk }
                    - { match: { team: storage }, receiver: storage-webhook }
                    - { match: { team: gpu }, receiver: gpu-webhook }
                    - { match: { team: dba }, receiver: dba-webhook }
                    - { match: { team: sre }, receiver: sre-dingtalk }
                """);
    }

    private static String head() {
        try (InputStream in = SyntheticFleet.class.getResourceAsStream("synthetic-head.yaml")) {
            if (in == null) throw new IllegalStateException("synthetic-head.yaml missing from the classpath");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
