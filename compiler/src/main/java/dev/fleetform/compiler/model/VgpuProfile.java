package dev.fleetform.compiler.model;

/**
 * A vGPU profile such as {@code A100-10C}.
 *
 * @param maxEqual per GPU in equal-size mode
 * @param maxMixed per GPU in mixed-size mode
 */
public record VgpuProfile(String name, int framebufferGiB, int maxEqual, int maxMixed) {

    /** Board prefix, e.g. {@code A100D} of {@code A100D-8C}: a VM's vGPUs must share it. */
    public String board() {
        int dash = name.lastIndexOf('-');
        return dash < 0 ? name : name.substring(0, dash);
    }

    /** Series letter, e.g. {@code C} (compute) of {@code A100-10C}. */
    public char series() {
        return name.charAt(name.length() - 1);
    }
}
