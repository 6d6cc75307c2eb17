package dev.fleetform.compiler.model;

/** Values of the GPU Operator's {@code nvidia.com/gpu.workload.config} node label. */
public enum GpuWorkload {
    CONTAINER("container"), VM_PASSTHROUGH("vm-passthrough"), VM_VGPU("vm-vgpu");

    private final String yamlName;

    GpuWorkload(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }

    public static GpuWorkload of(String yamlName) {
        for (GpuWorkload w : values()) if (w.yamlName.equals(yamlName)) return w;
        throw new IllegalArgumentException(yamlName);
    }
}
