package dev.fleetform.compiler.model;

import dev.fleetform.compiler.diag.Origin;

import java.util.List;

/** An mdadm array; {@code devices} and {@code spares} name disks of the host. */
public record RaidArray(
        String name,
        RaidLevel level,
        List<String> devices,
        List<String> spares,
        int chunkKiB,
        String metadata,
        Origin origin) {

    public static final int DEFAULT_CHUNK_KIB = 512;
    public static final String DEFAULT_METADATA = "1.2";
}
