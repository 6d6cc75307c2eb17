package dev.fleetform.compiler.emit;

import dev.fleetform.compiler.model.Filesystem;
import dev.fleetform.compiler.model.RaidArray;
import dev.fleetform.compiler.model.RaidLevel;
import dev.fleetform.compiler.model.Saturating;

import java.util.List;

/**
 * The mkfs options of a filesystem: the user's {@code mkfsOptions} when given, else stripe
 * alignment derived from the RAID array it sits on. Shared by every output that shows mkfs.
 */
public final class MkfsOptions {

    /** ext4 stride is counted in filesystem blocks; Fleetform formats ext4 with 4 KiB blocks. */
    static final int EXT4_BLOCK_KIB = 4;

    private MkfsOptions() {
    }

    /**
     * @param array the array the filesystem is on, or null when it is on a plain disk
     * @return mkfs arguments (not including the device), e.g. {@code [-d, su=512k,sw=3]}
     */
    public static List<String> of(Filesystem fs, RaidArray array) {
        if (!fs.mkfsOptions().isEmpty()) return fs.mkfsOptions();
        if (array == null || !striped(array.level())) return List.of();
        int dataDisks = array.level().dataDisks(array.devices().size());
        return switch (fs.type()) {
            case XFS -> List.of("-d", "su=" + array.chunkKiB() + "k,sw=" + dataDisks);
            case EXT4 -> {
                int stride = array.chunkKiB() / EXT4_BLOCK_KIB;
                yield List.of("-b", "4096", "-E", "stride=" + stride + ",stripe_width=" + Saturating.multiply(stride, dataDisks));
            }
            case BTRFS -> List.of(); // btrfs has no stripe-alignment options
        };
    }

    /** RAID 1 mirrors without striping: a chunk size means nothing to the filesystem there. */
    private static boolean striped(RaidLevel level) {
        return level != RaidLevel.RAID1;
    }
}
