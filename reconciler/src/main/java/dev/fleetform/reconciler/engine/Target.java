package dev.fleetform.reconciler.engine;

import java.util.List;
import java.util.Objects;

/**
 * What a provider observes and changes as one unit, named by its address prefix: a cluster
 * ({@code k8s/prod}) or a host ({@code host/gpu-01}). A target that cannot be observed is reported
 * and skipped; the others go on.
 *
 * @param carries address prefixes outside {@code address} that the target also holds resources
 *                under: a host that runs Prometheus holds {@code prometheus} (the compiled rules are
 *                the plan's {@code prometheus/rule/...}, not per host), so {@code --target prometheus}
 *                selects it
 */
public record Target(String address, List<String> carries) {
    public Target {
        Objects.requireNonNull(address);
        carries = List.copyOf(carries);
    }

    public Target(String address) {
        this(address, List.of());
    }

    /**
     * Whether {@code --target} prefixes select this target: none given selects all; a prefix
     * selects a target it starts (or is started by: {@code k8s/prod/apps/v1/Deployment/mining}
     * selects {@code k8s/prod}, whose changes are then filtered by the same prefix).
     */
    public boolean selectedBy(List<String> prefixes) {
        if (prefixes.isEmpty()) return true;
        for (String p : prefixes) {
            if (within(address, p) || within(p, address)) return true;
            for (String c : carries) if (within(c, p) || within(p, c)) return true;
        }
        return false;
    }

    /** Whether {@code address} is {@code prefix} or below it, segment by segment ({@code k8s/pro} is no prefix of {@code k8s/prod}). */
    public static boolean within(String address, String prefix) {
        String p = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        return address.equals(p) || address.startsWith(p + "/");
    }

    @Override
    public String toString() {
        return address;
    }
}
