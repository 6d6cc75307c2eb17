package dev.fleetform.bench;

/** The kinds of synthetic host, each backed by a profile of {@code synthetic-head.yaml}. */
enum HostKind {
    STORAGE_RAID10("stor", "storage-raid10"),
    STORAGE_RAID6("stor", "storage-raid6"),
    GPU_A100("a100", "gpu-a100x2"),
    GPU_L40S("l40s", "gpu-l40sx4"),
    /** An L40S node handed to the GPU Operator (pool kubevirt-vgpu): no libvirt guests. */
    KUBEVIRT_L40S("kvirt", "gpu-l40sx4"),
    /** Bare-metal miner node (pool cpu-miners, through its profile's label). */
    CPU("cpu", "cpu-epyc64");

    /**
     * One cycle of the mix: 30% RAID10, 35% RAID6, 10% A100, 10% L40S, 5% KubeVirt, 10% CPU.
     * (With 4 guests per hypervisor a 50,000-host fleet has 40,000 VMs and stays under the
     * loader's 16 MiB document cap.)
     */
    private static final HostKind[] MIX = {
        STORAGE_RAID10, STORAGE_RAID10, STORAGE_RAID10, STORAGE_RAID10, STORAGE_RAID10, STORAGE_RAID10,
        STORAGE_RAID6, STORAGE_RAID6, STORAGE_RAID6, STORAGE_RAID6, STORAGE_RAID6, STORAGE_RAID6, STORAGE_RAID6,
        GPU_A100, GPU_A100, GPU_L40S, GPU_L40S, KUBEVIRT_L40S, CPU, CPU};

    /** The fewest hosts for which every kind (so every pool and access group) is present. */
    static final int MIN_HOSTS = MIX.length;

    static final int CPU_CORES = 64;

    final String namePrefix;
    final String profile;

    HostKind(String namePrefix, String profile) {
        this.namePrefix = namePrefix;
        this.profile = profile;
    }

    /** The first hosts walk the mix in order so that every kind exists; the rest draw from it. */
    static HostKind of(int host, Seeded random) {
        return host < MIX.length ? MIX[host] : MIX[random.below(host, Draw.KIND, MIX.length)];
    }

    /** The storage profile a changed host moves to (a profile change in the plan benchmark). */
    HostKind changedProfile() {
        return switch (this) {
            case STORAGE_RAID10 -> STORAGE_RAID6;
            case STORAGE_RAID6 -> STORAGE_RAID10;
            default -> this;
        };
    }
}
