package dev.fleetform.compiler.model;

import dev.fleetform.compiler.diag.Origin;

import java.util.Map;

/**
 * A GPU model of the catalogue: the built-in table with {@code gpuModels:} merged over it.
 * {@code origin} is null for built-in entries.
 */
public record GpuModel(String name, int framebufferGiB, Map<String, VgpuProfile> profiles, Origin origin) {
}
