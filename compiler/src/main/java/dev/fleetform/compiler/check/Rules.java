package dev.fleetform.compiler.check;

import dev.fleetform.compiler.check.access.SshViaOpenssh;
import dev.fleetform.compiler.check.capacity.VmCpuFitRule;
import dev.fleetform.compiler.check.capacity.VmDiskFitRule;
import dev.fleetform.compiler.check.capacity.VmMemoryFitRule;
import dev.fleetform.compiler.check.kubernetes.PoolNodeOnce;
import dev.fleetform.compiler.check.kubernetes.PoolVgpuConfig;
import dev.fleetform.compiler.check.monitoring.AlertExpr;
import dev.fleetform.compiler.check.monitoring.AlertFor;
import dev.fleetform.compiler.check.naming.AddressUnique;
import dev.fleetform.compiler.check.naming.NameUnique;
import dev.fleetform.compiler.check.reference.RefBastion;
import dev.fleetform.compiler.check.reference.RefCluster;
import dev.fleetform.compiler.check.reference.RefPool;
import dev.fleetform.compiler.check.reference.RefReceiver;
import dev.fleetform.compiler.check.reference.RefService;
import dev.fleetform.compiler.check.reference.SelectorEmpty;
import dev.fleetform.compiler.check.secret.SecretMaterial;
import dev.fleetform.compiler.check.storage.DiskOnceRule;
import dev.fleetform.compiler.check.storage.FsMountpointUniqueRule;
import dev.fleetform.compiler.check.storage.RaidChunkRule;
import dev.fleetform.compiler.check.storage.RaidMembersRule;
import dev.fleetform.compiler.check.storage.RaidSparesRule;
import dev.fleetform.compiler.check.storage.RefDiskRule;
import dev.fleetform.compiler.check.storage.RefFilesystemRule;
import dev.fleetform.compiler.check.storage.RefFsOnRule;
import dev.fleetform.compiler.check.vgpu.GpuModelRule;
import dev.fleetform.compiler.check.vgpu.RefGpuRule;
import dev.fleetform.compiler.check.vgpu.VgpuEqualSizeRule;
import dev.fleetform.compiler.check.vgpu.VgpuMixedSizeRule;
import dev.fleetform.compiler.check.vgpu.VgpuProfileRule;
import dev.fleetform.compiler.check.vgpu.VgpuVmBoardRule;
import dev.fleetform.compiler.check.workload.AutoscaleRange;
import dev.fleetform.compiler.check.workload.ImageLatest;
import dev.fleetform.compiler.check.workload.MinerFit;
import dev.fleetform.compiler.check.workload.MinerSecretRef;

import java.util.List;

/** Every semantic rule, in the order they run. Add yours as one line (trailing comma kept). */
public final class Rules {
    private Rules() {
    }

    private static final Rule[] ALL = {
        new NameUnique(),
        new AddressUnique(),
        new RefBastion(),
        new SshViaOpenssh(),
        new SelectorEmpty(),
        new RefCluster(),
        new RefPool(),
        new RefReceiver(),
        new RefService(),
        new PoolNodeOnce(),
        new PoolVgpuConfig(),
        new MinerFit(),
        new AutoscaleRange(),
        new ImageLatest(),
        new MinerSecretRef(),
        new SecretMaterial(),
        new RefDiskRule(),
        new RaidMembersRule(),
        new RaidChunkRule(),
        new RaidSparesRule(),
        new DiskOnceRule(),
        new RefFsOnRule(),
        new FsMountpointUniqueRule(),
        new RefFilesystemRule(),
        new VmCpuFitRule(),
        new VmMemoryFitRule(),
        new VmDiskFitRule(),
        new GpuModelRule(),
        new RefGpuRule(),
        new VgpuProfileRule(),
        new VgpuEqualSizeRule(),
        new VgpuMixedSizeRule(),
        new VgpuVmBoardRule(),
        new AlertExpr(),
        new AlertFor(),
    };

    public static List<Rule> all() {
        return List.of(ALL);
    }
}
