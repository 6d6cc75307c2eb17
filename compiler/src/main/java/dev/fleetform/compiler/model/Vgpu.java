package dev.fleetform.compiler.model;

import dev.fleetform.compiler.diag.Origin;

/** One vGPU of a VM: a GPU of the host and a profile of that GPU's model, e.g. {@code A100-10C}. */
public record Vgpu(String gpu, String profile, Origin origin) {
}
