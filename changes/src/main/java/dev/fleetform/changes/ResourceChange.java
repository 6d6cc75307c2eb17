package dev.fleetform.changes;

import java.util.List;
import java.util.Map;

/**
 * A change to one resource. {@code reason} says in words what happens and what can be lost; the
 * risk is decided by {@link RiskPolicy}, the reason only explains it.
 *
 * @param address  stable address, e.g. {@code host/st-01/raid/md0} or {@code profile/gpu/sysctl/vm.swappiness}
 * @param reaches  for a change made in {@code defaults} or a profile: every host it reaches; else empty
 * @param approved a destructive change named in approvals.yaml or by {@code --approve}
 */
public record ResourceChange(
        Address address,
        ResourceKind kind,
        Action action,
        Risk risk,
        String reason,
        List<FieldChange> fields,
        Map<String, Object> before,
        Map<String, Object> after,
        List<String> reaches,
        boolean approved) {

    public boolean blocksApply() {
        return risk == Risk.DESTRUCTIVE && !approved;
    }
}
