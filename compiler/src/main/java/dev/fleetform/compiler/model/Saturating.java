package dev.fleetform.compiler.model;

/**
 * The arithmetic of every capacity sum and product (VM vCPUs, memory and disks, RAID usable
 * size, miner replicas × cores, vGPU framebuffers): on {@code long}, and at
 * {@link Long#MAX_VALUE} (or MIN) instead of wrapping. The schema's maxima keep real sums far
 * below that; saturating makes the rules safe without them: a sum too large to count still
 * exceeds every capacity, where a wrapped one could come out small and pass.
 */
public final class Saturating {
    private Saturating() {
    }

    public static long add(long a, long b) {
        long sum = a + b;
        // overflow only when both have the sign the sum lacks
        if (((a ^ sum) & (b ^ sum)) < 0) return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        return sum;
    }

    public static long multiply(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        if ((high == 0 && low >= 0) || (high == -1 && low < 0)) return low;
        return (a < 0) == (b < 0) ? Long.MAX_VALUE : Long.MIN_VALUE;
    }
}
