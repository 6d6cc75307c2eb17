package dev.fleetform.changes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A change's reason: what happens, in words, naming what can be lost. It explains the
 * {@link RiskPolicy} verdict and decides nothing.
 */
final class Reasons {
    private Reasons() {
    }

    /**
     * @param name  the resource's own name (e.g. {@code md0}); {@code where} e.g. {@code on st-01}, or empty
     */
    static String explain(RiskPolicy.Facts f, RiskPolicy.Verdict v, String name, String where,
                          Map<String, Object> b, Map<String, Object> a) {
        List<FieldChange> fields = f.fields();
        Action action = v.action();
        return switch (f.kind()) {
            case RAID -> switch (action) {
                case CREATE -> "creates " + name + " " + where + " (RAID" + a.get("level") + " from blank disks; refused if any carries data)";
                case DELETE -> "removes " + name + " " + where + ": all data on " + name + " is lost";
                case REPLACE -> (!FieldDiff.same(b.get("level"), a.get("level"))
                        ? "RAID level " + b.get("level") + "→" + a.get("level")
                        : summary(fields.stream().filter(x -> RiskPolicy.RAID_RECREATE.contains(RiskPolicy.top(x.path()))).toList()))
                        + " re-creates " + name + " " + where + ": all data on " + name + " is lost";
                case UPDATE -> fields.stream().allMatch(x -> x.path().equals("mdadmConf"))
                        ? "writes the ARRAY line of " + name + " to mdadm.conf " + where + " (" + b.get("mdadmConf") + ")"
                        : "spares of " + name + " " + where + ": " + summary(fields);
            };
            case FILESYSTEM -> switch (action) {
                case CREATE -> "mkfs." + a.get("type") + " on " + a.get("on") + " " + where + " (blank device; refused if it carries data)";
                case DELETE -> "filesystem " + name + " " + where + " leaves git: Fleetform never wipes it, its data stays on "
                        + b.get("on") + " (wipefs by hand to reuse the device)";
                case REPLACE -> summary(fields) + ": mkfs." + a.get("type") + " again " + where + ": all data on " + name + " is lost";
                case UPDATE -> "filesystem " + name + " " + where + ": " + summary(fields);
            };
            case MOUNT -> switch (action) {
                case CREATE -> "mounts " + a.get("mountpoint") + " " + where;
                case DELETE -> "unmounts " + b.get("mountpoint") + " " + where + " and removes its fstab line; the filesystem and its data stay";
                default -> "remounts " + name + " " + where + ": " + summary(fields);
            };
            case VM -> switch (action) {
                case CREATE -> "defines and starts VM " + name + " " + where + parts(f.folded());
                case DELETE -> "VM " + name + " " + where + " is shut down and undefined (its disks are deleted only by their own approved changes)";
                default -> vmUpdate(fields, v, name);
            };
            case VM_DISK -> {
                String vm = vmOf(f.address());
                yield switch (action) {
                    case CREATE -> "adds a " + a.get("sizeGiB") + " GiB disk: restarts VM " + vm;
                    case DELETE -> "deletes a disk of VM " + vm + ": its data is lost";
                    case UPDATE -> "grows a disk of VM " + vm + " " + b.get("sizeGiB") + "→" + a.get("sizeGiB") + " GiB: the VM is shut down, the volume resized, the VM started";
                    case REPLACE -> !FieldDiff.same(b.get("filesystem"), a.get("filesystem"))
                            ? "moves a disk of VM " + vm + " to filesystem " + a.get("filesystem") + ": a new empty volume replaces it"
                            : "shrinks a disk of VM " + vm + " " + b.get("sizeGiB") + "→" + a.get("sizeGiB")
                            + " GiB: what lies past the new end is lost (qemu-img resize --shrink, the VM shut down)";
                };
            }
            case VGPU -> switch (action) {
                case CREATE -> "adds a " + a.get("profile") + " vGPU: restarts VM " + vmOf(f.address());
                case DELETE -> "removes a " + b.get("profile") + " vGPU: restarts VM " + vmOf(f.address());
                default -> "vGPU profile " + b.get("profile") + "→" + a.get("profile") + " restarts VM " + vmOf(f.address());
            };
            case PACKAGE -> switch (action) {
                case DELETE -> "package " + name + " leaves git " + where + ": Fleetform does not uninstall it";
                case CREATE -> "installs package " + name + " " + where;
                default -> "package " + name + " " + where;
            };
            case HOST -> switch (action) {
                case CREATE -> "host added";
                case DELETE -> hostRemoved(f.folded());
                default -> "host " + summary(fields);
            };
            case K8S -> kubernetes(f, v, name);
            case SYSCTL -> action == Action.DELETE
                    ? "sysctl " + name + " leaves git " + where + ": removed from Fleetform's sysctl file, its value set as the host's other files say"
                    : describe(f.kind(), action, name, where, fields);
            case LIMIT -> action == Action.DELETE
                    ? "limit " + name + " leaves git " + where + ": removed from Fleetform's limits file (from the next login)"
                    : describe(f.kind(), action, name, where, fields);
            default -> describe(f.kind(), action, name, where, fields);
        };
    }

    private static String kubernetes(RiskPolicy.Facts f, RiskPolicy.Verdict v, String name) {
        String kind = f.address() instanceof Address.Kube k ? k.kind() : "";
        String what = kind + " " + name;
        List<FieldChange> fields = f.fields();
        return switch (f.action()) {
            case CREATE -> what + " created";
            case DELETE -> v.risk() == Risk.DESTRUCTIVE ? what + " deleted: everything in it is lost" : what + " deleted";
            default -> {
                if (kind.equals("Deployment")) {
                    if (fields.stream().anyMatch(x -> x.path().startsWith("spec.template"))) yield name + " rolls out: " + summary(fields);
                    FieldChange replicas = RiskPolicy.field(fields, "spec.replicas");
                    if (replicas != null && fields.size() == 1) {
                        yield name + " replicas " + show(replicas.before()) + "→" + show(replicas.after());
                    }
                }
                if (kind.equals("Node") && v.risk() == Risk.DISRUPTIVE) {
                    boolean gpus = fields.stream().anyMatch(x -> RiskPolicy.GPU_NODE_LABELS.stream().anyMatch(l -> x.path().equals("metadata.labels." + l)));
                    yield what + (gpus ? ": the GPU Operator drains its GPU pods and reconfigures its GPUs (" + summary(fields) + ")"
                            : ": a NoExecute taint evicts running pods");
                }
                if (RiskPolicy.recreatesVgpus(kind, f.address())) {
                    yield "vGPU device config changes: the device manager re-creates vGPUs on its nodes";
                }
                yield what + ": " + summary(fields);
            }
        };
    }

    /**
     * The VM's own fields in words; its domain XML (which follows from them and the template) is
     * named only when nothing else explains it, e.g. after a template change.
     */
    private static String vmUpdate(List<FieldChange> fields, RiskPolicy.Verdict v, String name) {
        List<FieldChange> own = fields.stream().filter(x -> !RiskPolicy.top(x.path()).equals("domainXml")).toList();
        if (own.isEmpty()) return "the domain XML of VM " + name + " changes: restarts VM " + name;
        return v.risk() == Risk.DISRUPTIVE ? summary(own) + " restarts VM " + name : "VM " + name + ": " + summary(own);
    }

    /** A removed host takes its VMs, disks and arrays with it. */
    private static String hostRemoved(Map<ResourceKind, Integer> folded) {
        int vms = folded.getOrDefault(ResourceKind.VM, 0), arrays = folded.getOrDefault(ResourceKind.RAID, 0),
                filesystems = folded.getOrDefault(ResourceKind.FILESYSTEM, 0);
        if (vms + arrays + filesystems == 0) return "host removed: Fleetform stops managing it";
        List<String> parts = new ArrayList<>();
        if (vms > 0) parts.add("its " + vms + (vms == 1 ? " VM and its disks are" : " VMs and their disks are") + " deleted");
        if (arrays + filesystems > 0) parts.add("its storage (" + arrays + " arrays, " + filesystems + " filesystems) is given up");
        return "host removed: " + String.join("; ", parts);
    }

    /** What a created VM is created with: " with 2 disks and 1 vGPU", or nothing. */
    private static String parts(Map<ResourceKind, Integer> folded) {
        int disks = folded.getOrDefault(ResourceKind.VM_DISK, 0), vgpus = folded.getOrDefault(ResourceKind.VGPU, 0);
        if (disks + vgpus == 0) return "";
        List<String> p = new ArrayList<>();
        if (disks > 0) p.add(disks + (disks == 1 ? " disk" : " disks"));
        if (vgpus > 0) p.add(vgpus + (vgpus == 1 ? " vGPU" : " vGPUs"));
        return " with " + String.join(" and ", p);
    }

    static String describe(ResourceKind kind, Action action, String name, String where, List<FieldChange> fields) {
        String what = kind.jsonName() + " " + name;
        return switch (action) {
            case CREATE -> what + " added" + (where.isEmpty() ? "" : " " + where);
            case DELETE -> what + " removed" + (where.isEmpty() ? "" : " " + where);
            default -> what + (where.isEmpty() ? "" : " " + where) + ": " + summary(fields);
        };
    }

    /** {@code path a→b, path c→d} (at most three, then "and N more"). */
    static String summary(List<FieldChange> fields) {
        StringBuilder sb = new StringBuilder();
        int shown = 0;
        for (FieldChange f : fields) {
            if (shown == 3) {
                sb.append(" and ").append(fields.size() - 3).append(" more");
                break;
            }
            if (shown++ > 0) sb.append(", ");
            sb.append(f.path()).append(' ').append(show(f.before())).append('→').append(show(f.after()));
        }
        return sb.toString();
    }

    static String show(Object v) {
        if (v == null) return "(none)";
        if (v instanceof List<?> l) return l.toString();
        return String.valueOf(v);
    }

    private static String vmOf(Address address) {
        return address instanceof Address.OnHost on && on.vm() != null ? on.vm() : address.name();
    }
}
