package dev.fleetform.changes;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one place that decides how risky a change is: a pure function of what changed (the kind,
 * the action, the changed fields, and what is folded into the change). It also decides when an
 * update is really a replace (the resource is re-created). {@link Reasons} only explains the
 * verdict in words.
 */
public final class RiskPolicy {

    /** RAID fields whose change means stopping the array and creating it anew. */
    static final Set<String> RAID_RECREATE = Set.of("level", "devices", "chunkKiB", "metadata");
    /** Filesystem fields whose change means mkfs again. */
    static final Set<String> FS_RECREATE = Set.of("on", "type", "mkfsOptions");
    /** VM fields that take effect only after the guest restarts (the domain XML is redefined). */
    static final Set<String> VM_RESTART = Set.of("vcpus", "memoryGiB", "bridge", "address", "domainXml");
    /** Kubernetes kinds whose deletion loses what is stored in them. */
    static final Set<String> K8S_DATA_KINDS = Set.of("Namespace", "PersistentVolumeClaim");
    /**
     * Node labels the GPU Operator acts on: a change makes it drain the node's GPU pods and
     * reconfigure its GPUs (passthrough, vGPU profile).
     */
    static final Set<String> GPU_NODE_LABELS = Set.of("nvidia.com/gpu.workload.config", "nvidia.com/vgpu.config");
    /** What a removed host takes with it that holds data. */
    static final Set<ResourceKind> HOST_DATA = Set.of(ResourceKind.VM, ResourceKind.RAID, ResourceKind.FILESYSTEM);

    /**
     * What the policy looks at.
     *
     * @param action what the differ saw: create, update or delete
     * @param fields the changed fields (before and after values)
     * @param folded what is told by this change, by kind (a removed host's VMs and arrays)
     */
    public record Facts(ResourceKind kind, Address address, Action action, List<FieldChange> fields,
                        Map<ResourceKind, Integer> folded) {
    }

    /** The action as applied ({@code REPLACE} when an update re-creates) and its risk. */
    public record Verdict(Action action, Risk risk) {
    }

    private RiskPolicy() {
    }

    public static Verdict decide(Facts f) {
        Action action = f.action();
        return switch (f.kind()) {
            case RAID -> switch (action) {
                case CREATE -> safe(action); // mdadm refuses members that carry data
                case DELETE -> destructive(action);
                default -> touches(f.fields(), RAID_RECREATE) ? destructive(Action.REPLACE) : safe(action);
            };
            case FILESYSTEM -> switch (action) {
                case CREATE -> safe(action); // mkfs only on a blank device
                // left on the device with its data (never wiped); what goes is its mount, a disruptive change of its own
                case DELETE -> disruptive(action);
                default -> touches(f.fields(), FS_RECREATE) ? destructive(Action.REPLACE) : safe(action);
            };
            case MOUNT -> action == Action.CREATE ? safe(action) : disruptive(action);
            case VM -> switch (action) {
                case CREATE -> safe(action);
                case DELETE -> destructive(action);
                default -> touches(f.fields(), VM_RESTART) ? disruptive(action) : safe(action);
            };
            case VM_DISK -> switch (action) {
                case CREATE -> disruptive(action);
                case DELETE -> destructive(action);
                // growing needs the VM off (qemu-img resize of a volume QEMU holds open is refused)
                default -> field(f.fields(), "filesystem") != null || !grows(field(f.fields(), "sizeGiB"))
                        ? destructive(Action.REPLACE) : disruptive(action);
            };
            case VGPU -> disruptive(action == Action.UPDATE ? Action.REPLACE : action);
            case PACKAGE -> safe(action); // a package that leaves git is not uninstalled
            case HOST -> action == Action.DELETE && HOST_DATA.stream().anyMatch(k -> f.folded().getOrDefault(k, 0) > 0)
                    ? destructive(action) : safe(action);
            case K8S -> kubernetes(f);
            default -> safe(action);
        };
    }

    private static Verdict kubernetes(Facts f) {
        String kind = f.address() instanceof Address.Kube k ? k.kind() : "";
        return switch (f.action()) {
            case CREATE -> safe(Action.CREATE);
            case DELETE -> K8S_DATA_KINDS.contains(kind) ? destructive(Action.DELETE)
                    : kind.equals("Deployment") ? disruptive(Action.DELETE) : safe(Action.DELETE);
            default -> {
                boolean rollout = kind.equals("Deployment") && f.fields().stream().anyMatch(x -> x.path().startsWith("spec.template"));
                boolean evicts = kind.equals("Node") && f.fields().stream().anyMatch(x -> x.path().startsWith("spec.taints")
                        && String.valueOf(x.after()).contains("NoExecute"));
                boolean reconfiguresGpus = kind.equals("Node") && f.fields().stream().anyMatch(x -> GPU_NODE_LABELS.stream()
                        .anyMatch(l -> x.path().equals("metadata.labels." + l)));
                yield rollout || evicts || reconfiguresGpus || recreatesVgpus(kind, f.address()) ? disruptive(Action.UPDATE) : safe(Action.UPDATE);
            }
        };
    }

    /** The vgpu-device-manager re-creates the vGPUs of its nodes when its ConfigMap changes. */
    static boolean recreatesVgpus(String kind, Address address) {
        return kind.equals("ConfigMap") && address.name().endsWith("vgpu-devices-config");
    }

    /** A VM disk's size change that only grows it (qcow2 volumes grow in place, never shrink safely). */
    private static boolean grows(FieldChange size) {
        return size != null && size.before() instanceof Number b && size.after() instanceof Number a && a.longValue() > b.longValue();
    }

    static FieldChange field(List<FieldChange> fields, String path) {
        for (FieldChange f : fields) if (f.path().equals(path)) return f;
        return null;
    }

    static boolean touches(List<FieldChange> fields, Set<String> keys) {
        for (FieldChange f : fields) if (keys.contains(top(f.path()))) return true;
        return false;
    }

    static String top(String path) {
        int i = 0;
        while (i < path.length() && path.charAt(i) != '.' && path.charAt(i) != '[') i++;
        return path.substring(0, i);
    }

    private static Verdict safe(Action a) {
        return new Verdict(a, Risk.SAFE);
    }

    private static Verdict disruptive(Action a) {
        return new Verdict(a, Risk.DISRUPTIVE);
    }

    private static Verdict destructive(Action a) {
        return new Verdict(a, Risk.DESTRUCTIVE);
    }
}
