package dev.fleetform.compiler.check;

import java.util.List;

/** Every semantic rule, in the order they run. Add yours as one line (trailing comma kept). */
public final class Rules {
    private Rules() {
    }

    private static final Rule[] ALL = {
            new dev.fleetform.compiler.check.storage.RefDiskRule(),
            new dev.fleetform.compiler.check.storage.RaidMembersRule(),
            new dev.fleetform.compiler.check.storage.RaidChunkRule(),
            new dev.fleetform.compiler.check.storage.RaidSparesRule(),
            new dev.fleetform.compiler.check.storage.DiskOnceRule(),
            new dev.fleetform.compiler.check.storage.RefFsOnRule(),
            new dev.fleetform.compiler.check.storage.FsMountpointUniqueRule(),
            new dev.fleetform.compiler.check.storage.RefFilesystemRule(),
            new dev.fleetform.compiler.check.capacity.VmCpuFitRule(),
            new dev.fleetform.compiler.check.capacity.VmMemoryFitRule(),
            new dev.fleetform.compiler.check.capacity.VmDiskFitRule(),
            new dev.fleetform.compiler.check.vgpu.GpuModelRule(),
            new dev.fleetform.compiler.check.vgpu.RefGpuRule(),
            new dev.fleetform.compiler.check.vgpu.VgpuProfileRule(),
            new dev.fleetform.compiler.check.vgpu.VgpuEqualSizeRule(),
            new dev.fleetform.compiler.check.vgpu.VgpuMixedSizeRule(),
            new dev.fleetform.compiler.check.vgpu.VgpuVmBoardRule(),
    };

    public static List<Rule> all() {
        return List.of(ALL);
    }
}
