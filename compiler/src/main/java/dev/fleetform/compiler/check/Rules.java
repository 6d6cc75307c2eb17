package dev.fleetform.compiler.check;

import dev.fleetform.compiler.check.access.SshViaOpensshRule;
import dev.fleetform.compiler.check.capacity.VmCpuFitRule;
import dev.fleetform.compiler.check.capacity.VmDiskFitRule;
import dev.fleetform.compiler.check.capacity.VmMemoryFitRule;
import dev.fleetform.compiler.check.kubernetes.PoolNodeOnceRule;
import dev.fleetform.compiler.check.kubernetes.PoolVgpuConfigRule;
import dev.fleetform.compiler.check.monitoring.AlertExprRule;
import dev.fleetform.compiler.check.monitoring.AlertForRule;
import dev.fleetform.compiler.check.monitoring.AlertTemplateRule;
import dev.fleetform.compiler.check.monitoring.AlertmanagerUniqueRule;
import dev.fleetform.compiler.check.monitoring.ConsulMetaRule;
import dev.fleetform.compiler.check.monitoring.MonitoringDirsRule;
import dev.fleetform.compiler.check.monitoring.MonitoringHostRule;
import dev.fleetform.compiler.check.naming.AddressUniqueRule;
import dev.fleetform.compiler.check.naming.NameUniqueRule;
import dev.fleetform.compiler.check.reference.RefBastionRule;
import dev.fleetform.compiler.check.reference.RefClusterRule;
import dev.fleetform.compiler.check.reference.RefPoolRule;
import dev.fleetform.compiler.check.reference.RefReceiverRule;
import dev.fleetform.compiler.check.reference.RefServiceRule;
import dev.fleetform.compiler.check.reference.SelectorEmptyRule;
import dev.fleetform.compiler.check.secret.SecretMaterialRule;
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
import dev.fleetform.compiler.check.workload.AutoscaleRangeRule;
import dev.fleetform.compiler.check.workload.ImageLatestRule;
import dev.fleetform.compiler.check.workload.MinerFitRule;
import dev.fleetform.compiler.check.workload.MinerSecretRefRule;

import java.util.List;

/** Every semantic rule, in the order they run. Add yours as one line (trailing comma kept). */
public final class Rules {
    private Rules() {
    }

    private static final Rule[] ALL = {
        new NameUniqueRule(),
        new AddressUniqueRule(),
        new RefBastionRule(),
        new SshViaOpensshRule(),
        new SelectorEmptyRule(),
        new RefClusterRule(),
        new RefPoolRule(),
        new RefReceiverRule(),
        new MonitoringHostRule(),
        new MonitoringDirsRule(),
        new RefServiceRule(),
        new PoolNodeOnceRule(),
        new PoolVgpuConfigRule(),
        new MinerFitRule(),
        new AutoscaleRangeRule(),
        new ImageLatestRule(),
        new MinerSecretRefRule(),
        new SecretMaterialRule(),
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
        new AlertExprRule(),
        new AlertForRule(),
        new AlertTemplateRule(),
        new ConsulMetaRule(),
        new AlertmanagerUniqueRule(),
    };

    public static List<Rule> all() {
        return List.of(ALL);
    }
}
