package dev.fleetform.bench;

/**
 * Deterministic per-item randomness: a SplitMix64 hash of (seed, item, purpose). Any host can be
 * generated on its own, in any order, and the same seed gives the same fleet on every JDK.
 */
record Seeded(long seed) {

    /** A non-negative pseudo-random value for {@code item}, independent for each {@code purpose}. */
    long at(long item, Draw purpose) {
        return mix(mix(seed ^ mix(item)) + purpose.ordinal() + 1) >>> 1;
    }

    /** Pseudo-random {@code 0 <= n < bound} for {@code item}. */
    int below(long item, Draw purpose, int bound) {
        return (int) (at(item, purpose) % bound);
    }

    private static long mix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
