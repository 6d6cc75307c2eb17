package dev.fleetform.compiler.model;

import dev.fleetform.compiler.diag.Origin;

import java.util.List;

/** {@code hardware:}; {@code cores} is {@code cpu.cores}. */
public record Hardware(int cores, int memoryGiB, List<Disk> disks, List<Gpu> gpus, Origin origin) {
}
