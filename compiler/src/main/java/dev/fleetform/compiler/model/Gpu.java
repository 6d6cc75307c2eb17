package dev.fleetform.compiler.model;

import dev.fleetform.compiler.diag.Origin;

/** A physical GPU; {@code model} names an entry of the GPU catalogue (built-in or {@code gpuModels}). */
public record Gpu(String name, String model, String pci, VgpuMode vgpuMode, Origin origin) {
}
