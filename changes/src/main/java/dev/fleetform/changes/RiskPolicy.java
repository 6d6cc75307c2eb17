package dev.fleetform.changes;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one place that decides how risky a change is: a pure function of the resource kind, the
 * action and the changed fields. Reasons say in words what happens, naming what can be lost.
 */
public final class RiskPolicy {

    /** RAID fields whose change means stopping the array and creating it anew. */
    static final Set<String> RAID_RECREATE = Set.of("level", "devices", "chunkKiB", "metadata");
    /** Filesystem fields whose change means mkfs again. */
    static final Set<String> FS_RECREATE = Set.of("on", "type", "mkfsOptions");
    /** VM fields that take effect only after the guest restarts. */
    static final Set<String> VM_RESTART = Set.of("vcpus", "memoryGiB", "bridge", "address");

    private RiskPolicy() {
    }

    /**
     * @param name  the resource's own name (e.g. {@code md0}); {@code where} e.g. {@code on st-01}
     */
    public static Assessment assess(ResourceKind kind, Action action, String name, String where,
                                    Map<String, Object> before, Map<String, Object> after, List<FieldChange> fields) {
        return switch (kind) {
            case RAID -> raid(action, name, where, before, after, fields);
            case FILESYSTEM -> filesystem(action, name, where, before, after, fields);
            case MOUNT -> switch (action) {
                case CREATE -> new Assessment(action, Risk.SAFE, "mounts " + after.get("mountpoint") + " " + where);
                case DELETE -> new Assessment(action, Risk.DISRUPTIVE, "unmounts " + before.get("mountpoint") + " " + where);
                default -> new Assessment(action, Risk.DISRUPTIVE, "remounts " + name + " " + where + ": " + summary(fields));
            };
            case VM -> vm(action, name, where, fields);
            case VM_DISK -> vmDisk(action, name, where, before, after, fields);
            case VGPU -> switch (action) {
                case CREATE -> new Assessment(action, Risk.DISRUPTIVE, "adds a " + after.get("profile") + " vGPU: restarts VM " + vmOf(name));
                case DELETE -> new Assessment(action, Risk.DISRUPTIVE, "removes a " + before.get("profile") + " vGPU: restarts VM " + vmOf(name));
                default -> new Assessment(Action.REPLACE, Risk.DISRUPTIVE, "vGPU profile " + before.get("profile") + "→"
                        + after.get("profile") + " restarts VM " + vmOf(name));
            };
            case PACKAGE -> action == Action.DELETE
                    ? new Assessment(action, Risk.DISRUPTIVE, "removes package " + name + " " + where)
                    : new Assessment(action, Risk.SAFE, (action == Action.CREATE ? "installs package " : "package ") + name + " " + where);
            case K8S -> Kubernetes.assess(action, name, before, after, fields);
            case HOST -> action == Action.CREATE
                    ? new Assessment(action, Risk.SAFE, "host added")
                    : new Assessment(action, Risk.SAFE, "host " + summary(fields));
            default -> new Assessment(action, Risk.SAFE, describe(kind, action, name, where, fields));
        };
    }

    private static Assessment raid(Action action, String md, String where, Map<String, Object> b, Map<String, Object> a,
                                   List<FieldChange> fields) {
        return switch (action) {
            case CREATE -> new Assessment(action, Risk.SAFE, "creates " + md + " " + where + " (RAID" + a.get("level")
                    + " from blank disks; refused if any carries data)");
            case DELETE -> new Assessment(action, Risk.DESTRUCTIVE, "removes " + md + " " + where + ": all data on " + md + " is lost");
            default -> {
                if (touches(fields, RAID_RECREATE)) {
                    String what = !FieldDiff.same(b.get("level"), a.get("level"))
                            ? "RAID level " + b.get("level") + "→" + a.get("level")
                            : summary(fields.stream().filter(f -> RAID_RECREATE.contains(top(f.path()))).toList());
                    yield new Assessment(Action.REPLACE, Risk.DESTRUCTIVE, what + " re-creates " + md + " " + where
                            + ": all data on " + md + " is lost");
                }
                yield new Assessment(action, Risk.SAFE, "spares of " + md + " " + where + ": " + summary(fields));
            }
        };
    }

    private static Assessment filesystem(Action action, String fs, String where, Map<String, Object> b, Map<String, Object> a,
                                         List<FieldChange> fields) {
        return switch (action) {
            case CREATE -> new Assessment(action, Risk.SAFE, "mkfs." + a.get("type") + " on " + a.get("on") + " " + where
                    + " (blank device; refused if it carries data)");
            case DELETE -> new Assessment(action, Risk.DESTRUCTIVE, "filesystem " + fs + " " + where + " is removed: its data is lost");
            default -> touches(fields, FS_RECREATE)
                    ? new Assessment(Action.REPLACE, Risk.DESTRUCTIVE, summary(fields) + ": mkfs." + a.get("type") + " again "
                    + where + ": all data on " + fs + " is lost")
                    : new Assessment(action, Risk.SAFE, "filesystem " + fs + " " + where + ": " + summary(fields));
        };
    }

    private static Assessment vm(Action action, String vm, String where, List<FieldChange> fields) {
        return switch (action) {
            case CREATE -> new Assessment(action, Risk.SAFE, "defines and starts VM " + vm + " " + where);
            case DELETE -> new Assessment(action, Risk.DESTRUCTIVE, "VM " + vm + " " + where + " and its disks are deleted");
            default -> touches(fields, VM_RESTART)
                    ? new Assessment(action, Risk.DISRUPTIVE, summary(fields) + " restarts VM " + vm)
                    : new Assessment(action, Risk.SAFE, "VM " + vm + ": " + summary(fields));
        };
    }

    private static Assessment vmDisk(Action action, String name, String where, Map<String, Object> b, Map<String, Object> a,
                                     List<FieldChange> fields) {
        String vm = vmOf(name);
        return switch (action) {
            case CREATE -> new Assessment(action, Risk.DISRUPTIVE, "adds a " + a.get("sizeGiB") + " GiB disk: restarts VM " + vm);
            case DELETE -> new Assessment(action, Risk.DESTRUCTIVE, "deletes a disk of VM " + vm + ": its data is lost");
            default -> {
                if (!FieldDiff.same(b.get("filesystem"), a.get("filesystem"))) {
                    yield new Assessment(Action.REPLACE, Risk.DESTRUCTIVE, "moves a disk of VM " + vm + " to filesystem "
                            + a.get("filesystem") + ": a new empty volume replaces it");
                }
                long from = ((Number) b.get("sizeGiB")).longValue(), to = ((Number) a.get("sizeGiB")).longValue();
                yield to > from
                        ? new Assessment(action, Risk.SAFE, "grows a disk of VM " + vm + " " + from + "→" + to + " GiB")
                        : new Assessment(Action.REPLACE, Risk.DESTRUCTIVE, "shrinks a disk of VM " + vm + " " + from + "→" + to
                        + " GiB: qcow2 volumes cannot shrink safely; it is re-created empty");
            }
        };
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

    private static boolean touches(List<FieldChange> fields, Set<String> keys) {
        for (FieldChange f : fields) if (keys.contains(top(f.path()))) return true;
        return false;
    }

    private static String top(String path) {
        int i = 0;
        while (i < path.length() && path.charAt(i) != '.' && path.charAt(i) != '[') i++;
        return path.substring(0, i);
    }

    /** {@code gx-01-b/disk/0} -> {@code gx-01-b}. */
    private static String vmOf(String name) {
        int slash = name.indexOf('/');
        return slash < 0 ? name : name.substring(0, slash);
    }
}
