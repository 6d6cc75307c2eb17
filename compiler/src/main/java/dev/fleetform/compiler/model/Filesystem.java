package dev.fleetform.compiler.model;

import dev.fleetform.compiler.diag.Origin;

import java.util.List;

/**
 * @param on          a RAID array or a disk of the host
 * @param mkfsOptions explicit mkfs options, or empty to derive stripe alignment from the array
 */
public record Filesystem(
        String name,
        String on,
        FsType type,
        String mountpoint,
        List<String> mkfsOptions,
        List<String> mountOptions,
        Defrag defrag,
        Origin origin) {
}
