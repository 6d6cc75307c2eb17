package dev.fleetform.changes;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Risk of Kubernetes object changes: replicas are safe, pod templates roll out, namespaces hold data. */
final class Kubernetes {
    /** Deleting these loses what is stored in them. */
    static final Set<String> DATA_KINDS = Set.of("Namespace", "PersistentVolumeClaim");

    private Kubernetes() {
    }

    static Assessment assess(Action action, String name, Map<String, Object> before, Map<String, Object> after,
                             List<FieldChange> fields) {
        Map<String, Object> obj = after != null ? after : before;
        String kind = String.valueOf(obj.get("kind"));
        String what = kind + " " + name;
        return switch (action) {
            case CREATE -> new Assessment(action, Risk.SAFE, what + " created");
            case DELETE -> DATA_KINDS.contains(kind)
                    ? new Assessment(action, Risk.DESTRUCTIVE, what + " deleted: everything in it is lost")
                    : new Assessment(action, kind.equals("Deployment") ? Risk.DISRUPTIVE : Risk.SAFE, what + " deleted");
            default -> update(kind, name, what, fields);
        };
    }

    private static Assessment update(String kind, String name, String what, List<FieldChange> fields) {
        if (kind.equals("Deployment")) {
            boolean template = fields.stream().anyMatch(f -> f.path().startsWith("spec.template"));
            if (template) return new Assessment(Action.UPDATE, Risk.DISRUPTIVE, name + " rolls out: " + RiskPolicy.summary(fields));
            FieldChange replicas = fields.stream().filter(f -> f.path().equals("spec.replicas")).findFirst().orElse(null);
            if (replicas != null && fields.size() == 1) {
                return new Assessment(Action.UPDATE, Risk.SAFE, name + " replicas " + RiskPolicy.show(replicas.before())
                        + "→" + RiskPolicy.show(replicas.after()));
            }
        }
        if (kind.equals("Node") && fields.stream().anyMatch(f -> f.path().startsWith("spec.taints")
                && String.valueOf(f.after()).contains("NoExecute"))) {
            return new Assessment(Action.UPDATE, Risk.DISRUPTIVE, what + ": a NoExecute taint evicts running pods");
        }
        if (kind.equals("ConfigMap") && name.endsWith("vgpu-devices-config")) {
            return new Assessment(Action.UPDATE, Risk.DISRUPTIVE, "vGPU device config changes: the device manager re-creates vGPUs on its nodes");
        }
        return new Assessment(Action.UPDATE, Risk.SAFE, what + ": " + RiskPolicy.summary(fields));
    }
}
