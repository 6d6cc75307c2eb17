package dev.fleetform.reconciler.host.storage;

import dev.fleetform.changes.Action;
import dev.fleetform.changes.ResourceChange;
import dev.fleetform.changes.ResourceKind;
import dev.fleetform.compiler.emit.storage.StoragePlan;
import dev.fleetform.reconciler.engine.Outcome;
import dev.fleetform.reconciler.host.HostApplier;
import dev.fleetform.reconciler.host.RemoteHost;
import dev.fleetform.reconciler.host.probe.HostFiles;
import dev.fleetform.reconciler.host.probe.ProbeReport;
import dev.fleetform.reconciler.host.ssh.ExecResult;
import dev.fleetform.reconciler.host.ssh.ShellQuote;
import dev.fleetform.reconciler.host.ssh.SshFailure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Storage on a host, with the commands {@code fleetform plan} shows ({@link StoragePlan}): arrays
 * ({@code mdadm --create}), filesystems ({@code mkfs.<type>}), then mounts (an fstab line by UUID,
 * the rest of fstab kept byte for byte, then {@code mount}). Every command that writes a device
 * first checks, in the same shell, that the device exists, is not mounted, is held by nothing
 * (an array, a device mapper) and, unless the change was approved as destructive, carries no
 * signature. Approved, a filesystem is made again over what was there ({@code wipefs -a}, then
 * mkfs), and an array re-created ({@link #recreateScript}); spares are added and removed in place.
 * An array made or changed gets its ARRAY line in mdadm.conf ({@link MdadmConf}). A filesystem's defrag timer is written with it ({@link DefragTimer}). Nothing is removed.
 */
public final class StorageApplier implements HostApplier {
    private static final List<ResourceKind> KINDS = List.of(ResourceKind.RAID, ResourceKind.FILESYSTEM, ResourceKind.MOUNT);
    static final String FSTAB = "/etc/fstab";

    /**
     * {@code g DEVICE blank|any}: refuses (a line on stderr, a non-zero exit) a device that is
     * missing, unreadable, mounted, held, or (blank) carries any signature.
     */
    static final String GUARD = "PATH=$PATH:/usr/sbin:/sbin\n"
            + "g() { [ -b \"$1\" ] || { echo \"$1: no such block device\" >&2; exit 3; }\n"
            + "  s=$(wipefs --noheadings -O TYPE \"$1\" 2>&1) || { echo \"$1: cannot read its signatures: $s\" >&2; exit 4; }\n"
            // MOUNTPOINTS (util-linux 2.37+) lists every mount of a device; older lsblk has only MOUNTPOINT; neither: refused
            + "  m=$(lsblk -nro MOUNTPOINTS \"$1\" 2>/dev/null) || m=$(lsblk -nro MOUNTPOINT \"$1\" 2>/dev/null)"
            + " || { echo \"$1: cannot tell whether it is mounted (lsblk failed)\" >&2; exit 4; }\n"
            + "  m=$(printf '%s\\n' \"$m\" | grep . | tr '\\n' ' ')\n"
            + "  [ -z \"$m\" ] || { echo \"$1 is mounted ($m): refused\" >&2; exit 5; }\n"
            + "  k=$(basename \"$(readlink -f \"$1\")\"); h=$(ls -A \"/sys/class/block/$k/holders\" 2>/dev/null | tr '\\n' ' ')\n"
            + "  [ -z \"$h\" ] || { echo \"$1 is in use by $h(holders): refused\" >&2; exit 6; }\n"
            + "  [ \"$2\" = any ] || [ -z \"$s\" ] || { echo \"$1 carries a signature ($(echo $s)): refused, mkfs and mdadm --create run only on a device with none\" >&2; exit 7; }\n"
            + "}\n";

    @Override
    public List<ResourceKind> kinds() {
        return KINDS;
    }

    @Override
    public void apply(RemoteHost host, List<ResourceChange> changes, List<Outcome> out) throws SshFailure {
        Steps steps = new Steps(StoragePlan.of(host.model()));
        Conf conf = new Conf(host.probe());
        List<ResourceChange> mounts = new ArrayList<>();
        List<ResourceChange> unmounts = new ArrayList<>();
        for (ResourceChange c : changes) {
            if (c.action() == Action.DELETE && c.kind() == ResourceKind.MOUNT) {
                unmounts.add(c);
                continue;
            }
            if (c.action() == Action.DELETE) {
                out.add(new Outcome.Failed(c, "Fleetform does not remove " + c.kind().jsonName() + "s: " + c.address().name()
                        + " is no longer in git and stays on the host with its data; remove it by hand if its data may go"));
                continue;
            }
            switch (c.kind()) {
                case RAID -> out.add(raid(host, steps, c, conf));
                case FILESYSTEM -> out.add(filesystem(host, steps, c));
                case MOUNT -> mounts.add(c);
                default -> throw new IllegalStateException(c.kind().name());
            }
        }
        Map<String, String> record = new java.util.TreeMap<>(MountRecord.read(host.probe()));
        int before = out.size();
        if (!unmounts.isEmpty()) unmounts(host, unmounts, record, out);
        if (!mounts.isEmpty()) mounts(host, steps, mounts, out);
        // what is mounted by Fleetform now: the mounts applied, less the ones removed
        for (Outcome o : out.subList(before, out.size())) {
            if (!(o instanceof Outcome.Applied) || o.change().kind() != ResourceKind.MOUNT) continue;
            String name = o.change().address().name();
            if (o.change().action() == Action.DELETE) record.remove(name);
            else record.put(name, String.valueOf(steps.get("mount", "filesystem", name).get("mountpoint")));
        }
        try {
            // written only when its bytes differ (a host without Fleetform's mounts gets no file)
            if (!record.isEmpty() || host.probe().file(HostFiles.MOUNTS).isPresent()) host.write(HostFiles.MOUNTS, MountRecord.bytes(record), "root:root", "644");
        } catch (RemoteHost.WriteFailed e) {
            // the mounts are made; only the record of them is missing: a later removal from git would not be seen
            for (int i = before; i < out.size(); i++) {
                if (out.get(i) instanceof Outcome.Applied a && a.change().kind() == ResourceKind.MOUNT) {
                    out.set(i, new Outcome.Applied(a.change(), e.getMessage() + ": if this filesystem leaves git, unmount it by hand"));
                }
            }
        }
    }

    /**
     * Mounts git no longer declares: unmounted (never forced or lazy: a busy mount is refused and
     * left as it is), then its fstab line removed with every other line kept. The filesystem and
     * its data stay on the device.
     */
    private static void unmounts(RemoteHost host, List<ResourceChange> changes, Map<String, String> record, List<Outcome> out) throws SshFailure {
        Set<String> gone = new java.util.LinkedHashSet<>();
        Map<ResourceChange, String> done = new LinkedHashMap<>();
        for (ResourceChange c : changes) {
            Object mpField = c.before() == null ? null : c.before().get("mountpoint");
            String mountpoint = mpField != null ? String.valueOf(mpField) : record.get(c.address().name());
            if (mountpoint == null) {
                out.add(new Outcome.Failed(c, "no mount point is known for " + c.address().name() + ": unmount it by hand"));
                continue;
            }
            String mp = ShellQuote.quote(ShellQuote.line("a mount point", mountpoint));
            ExecResult r = host.session().privileged("PATH=$PATH:/usr/sbin:/sbin\nsrc=$(findmnt -rn -o SOURCE --mountpoint " + mp
                    + " | tail -n 1)\nif [ -n \"$src\" ]; then umount " + mp + " 2>&1 || exit 5; printf 'UNMOUNTED=%s\\n' \"$src\"; fi\n", null);
            if (!r.ok()) {
                out.add(r.exit() == 5 ? new Outcome.Refused(c, "umount " + mountpoint + " on " + host.name() + ": " + r.firstLine()
                        + "; left mounted and in fstab (stop what uses it, then apply again)")
                        : new Outcome.Failed(c, "umount " + mountpoint + " on " + host.name() + ": " + r.firstLine()));
                continue;
            }
            gone.add(mountpoint);
            String src = exported(r.out()).getOrDefault("UNMOUNTED", "");
            done.put(c, src.isEmpty() ? "" : " (" + src + ")");
        }
        if (done.isEmpty()) return;
        byte[] now = host.probe().file(FSTAB).map(ProbeReport.FileState::bytes).orElse(new byte[0]);
        byte[] next = Fstab.parse(now).without(gone);
        try {
            if (!Arrays.equals(now, next)) host.write(FSTAB, next, "root:root", "644");
        } catch (RemoteHost.WriteFailed e) {
            for (ResourceChange c : done.keySet()) out.add(new Outcome.Failed(c, "unmounted, but " + e.getMessage()));
            return;
        }
        for (Map.Entry<ResourceChange, String> e : done.entrySet()) {
            out.add(new Outcome.Applied(e.getKey(), "unmounted and its fstab line removed; the filesystem" + e.getValue()
                    + " and its data stay on the device (Fleetform never wipes one)"));
        }
    }

    private static Outcome raid(RemoteHost host, Steps steps, ResourceChange c, Conf conf) throws SshFailure {
        String name = c.address().name();
        if (!host.probe().mdstat().supported()) return new Outcome.Failed(c, "cannot create " + name + ": " + ProbeReport.Mdstat.UNSUPPORTED);
        Map<String, Object> step = steps.get("raid-create", "array", name);
        if (step == null) return new Outcome.Failed(c, "the storage plan has no array " + name);
        String device = String.valueOf(step.get("device"));
        String script = switch (c.action()) {
            case CREATE -> raidScript(step);
            // approved (the engine runs no unapproved destructive change); still refused while in use
            case REPLACE -> c.approved() ? recreateScript(step, c.before()) : null;
            default -> sparesScript(device, strings(c.before(), "spares"), strings(c.after(), "spares"));
        };
        if (script == null) return new Outcome.Refused(c, "re-creating " + name + " is destructive and not approved");
        String what = switch (c.action()) {
            case CREATE -> "mdadm --create";
            case REPLACE -> "re-creating " + name;
            default -> "changing the spares of " + name;
        };
        Outcome o = run(host, c, script, what);
        return o instanceof Outcome.Applied ? conf.write(host, c, device) : o;
    }

    /**
     * An approved re-create (a level or member change). Refused, with nothing touched, when the
     * array is mounted or held (a filesystem on it in use, LVM, device mapper), or when a member,
     * old or new, is mounted or held by anything but this array. Then: {@code mdadm --stop}, every
     * member's md superblock and signatures cleared, each checked blank, and the plan's
     * {@code mdadm --create}.
     */
    static String recreateScript(Map<String, Object> step, Map<String, Object> before) {
        String array = ShellQuote.quote(String.valueOf(step.get("device")));
        Set<String> all = new LinkedHashSet<>();
        all.addAll(strings(before, "devices"));
        all.addAll(strings(before, "spares"));
        all.addAll(strings(step, "members"));
        all.addAll(strings(step, "spares"));
        StringBuilder b = new StringBuilder(GUARD).append(MEMBER_GUARD);
        b.append("g ").append(array).append(" any\n");
        b.append("K=$(basename \"$(readlink -f ").append(array).append(")\")\n");
        for (String d : all) b.append("h ").append(ShellQuote.quote(d)).append(" \"$K\"\n");
        b.append("mdadm --stop ").append(array).append(" >/dev/null || { echo \"mdadm --stop of the array failed: it is in use\" >&2; exit 8; }\n");
        for (String d : all) {
            String q = ShellQuote.quote(d);
            b.append("mdadm --zero-superblock ").append(q).append(" >/dev/null 2>&1; wipefs -q -a ").append(q).append(" || exit 8\n");
        }
        for (String d : strings(step, "members")) b.append("g ").append(ShellQuote.quote(d)).append(" blank\n");
        for (String d : strings(step, "spares")) b.append("g ").append(ShellQuote.quote(d)).append(" blank\n");
        return b.append(ShellQuote.command(strings(step, "argv"))).append(" </dev/null\n").toString();
    }

    /**
     * {@code h DEVICE MD}: refuses (exit 5, 6) a member that is mounted (itself, or the array on it)
     * or held by anything but the array {@code MD} (its kernel name, {@code md127}).
     */
    static final String MEMBER_GUARD = "h() { [ -b \"$1\" ] || { echo \"$1: no such block device\" >&2; exit 3; }\n"
            + "  m=$(lsblk -nro MOUNTPOINTS \"$1\" 2>/dev/null) || m=$(lsblk -nro MOUNTPOINT \"$1\" 2>/dev/null)"
            + " || { echo \"$1: cannot tell whether it is mounted (lsblk failed)\" >&2; exit 4; }\n"
            + "  m=$(printf '%s\\n' \"$m\" | grep . | tr '\\n' ' ')\n"
            + "  [ -z \"$m\" ] || { echo \"$1 is mounted ($m): refused\" >&2; exit 5; }\n"
            + "  k=$(basename \"$(readlink -f \"$1\")\"); o=$(ls -A \"/sys/class/block/$k/holders\" 2>/dev/null | grep -vx \"$2\" | tr '\\n' ' ')\n"
            + "  [ -z \"$o\" ] || { echo \"$1 is in use by $o(holders): refused\" >&2; exit 6; }\n"
            + "}\n";

    /**
     * The spares git adds (each guarded blank, then {@code mdadm --add}) and removes
     * ({@code mdadm --remove}, only a device the array lists as a spare: an active member is never removed).
     */
    static String sparesScript(String array, List<String> live, List<String> git) {
        String a = ShellQuote.quote(array);
        StringBuilder b = new StringBuilder(GUARD);
        for (String d : git) {
            if (live.contains(d)) continue;
            b.append("g ").append(ShellQuote.quote(d)).append(" blank\n");
            b.append("mdadm --manage ").append(a).append(" --add ").append(ShellQuote.quote(d)).append(" </dev/null || exit 8\n");
        }
        for (String d : live) {
            if (git.contains(d)) continue;
            b.append("mdadm --manage ").append(a).append(" --remove ").append(ShellQuote.quote(d)).append(" </dev/null || exit 8\n");
        }
        return b.toString();
    }

    /**
     * mdadm.conf as this apply leaves it: each array's ARRAY line written (atomically, only when the
     * bytes change) after the array is made or changed, from its {@code mdadm --detail --export}.
     */
    static final class Conf {
        private final String path;
        private byte[] bytes;

        Conf(ProbeReport probe) {
            this.path = MdadmConf.path(probe);
            this.bytes = probe.file(path).map(ProbeReport.FileState::bytes).orElse(new byte[0]);
        }

        Outcome write(RemoteHost host, ResourceChange c, String device) throws SshFailure {
            String name = c.address().name();
            ExecResult d = host.session().privileged("PATH=$PATH:/usr/sbin:/sbin; mdadm --detail --export " + ShellQuote.quote(device), null);
            String line;
            MdDetail md;
            try {
                if (!d.ok()) throw new IllegalArgumentException(d.firstLine());
                md = MdDetail.parse(d.out());
                line = MdadmConf.arrayLine(device, md);
            } catch (IllegalArgumentException e) {
                return new Outcome.Failed(c, name + " is done, but its ARRAY line for " + path + " could not be made: " + e.getMessage());
            }
            byte[] next = MdadmConf.with(bytes, device, md.uuid(), line);
            if (Arrays.equals(next, bytes)) return new Outcome.Applied(c);
            try {
                host.write(path, next, "root:root", "644");
            } catch (RemoteHost.WriteFailed e) {
                return new Outcome.Failed(c, name + " is done, but " + e.getMessage());
            }
            bytes = next;
            return new Outcome.Applied(c, "ARRAY line written to " + path + " (the initramfs assembles by it: update-initramfs -u, or dracut -f)");
        }
    }

    /** Each member and spare guarded (blank), then the plan's mdadm argv; a question mdadm asks is answered by end of input (no). */
    static String raidScript(Map<String, Object> step) {
        StringBuilder b = new StringBuilder(GUARD);
        for (String d : strings(step, "members")) b.append("g ").append(ShellQuote.quote(d)).append(" blank\n");
        for (String d : strings(step, "spares")) b.append("g ").append(ShellQuote.quote(d)).append(" blank\n");
        return b.append(ShellQuote.command(strings(step, "argv"))).append(" </dev/null\n").toString();
    }

    private static Outcome filesystem(RemoteHost host, Steps steps, ResourceChange c) throws SshFailure {
        String name = c.address().name();
        Map<String, Object> step = steps.get("mkfs", "filesystem", name);
        if (step == null) return new Outcome.Failed(c, "the storage plan has no filesystem " + name);
        if (c.action() == Action.UPDATE) return defrag(host, steps, c, new Outcome.Applied(c));
        Outcome made = run(host, c, mkfsScript(step, c.action() == Action.REPLACE && c.approved()), "mkfs");
        return made instanceof Outcome.Applied ? defrag(host, steps, c, made) : made;
    }

    /**
     * The filesystem's defrag timer as git declares it: both units written (only where their bytes
     * differ) and, where PID 1 is systemd, enabled and started; with {@code defrag: never}, a
     * timer Fleetform wrote is stopped and removed. {@code done} is the outcome when all went well.
     */
    private static Outcome defrag(RemoteHost host, Steps steps, ResourceChange c, Outcome done) throws SshFailure {
        String name = c.address().name();
        Map<String, Object> mount = steps.get("mount", "filesystem", name);
        DefragTimer t = DefragTimer.of(steps.get("defrag-timer", "filesystem", name), mount == null ? null : String.valueOf(mount.get("mountpoint")));
        boolean systemd = host.probe().systemd();
        if (t == null) {
            if (host.probe().glob(DefragTimer.UNITS_GLOB).stream().noneMatch(f -> f.startsWith(DefragTimer.DIR + "/" + DefragTimer.unit(name) + "."))) return done;
            ExecResult r = host.session().privileged(DefragTimer.removeScript(name, systemd), null);
            return r.ok() ? done : new Outcome.Failed(c, "cannot remove the defrag timer of " + name + ": " + r.firstLine());
        }
        try {
            host.write(t.servicePath(), t.service(), "root:root", "644");
            host.write(t.timerPath(), t.timer(), "root:root", "644");
        } catch (RemoteHost.WriteFailed e) {
            return new Outcome.Failed(c, e.getMessage());
        }
        if (!systemd) {
            return new Outcome.Applied(c, "defrag timer " + t.timerPath() + " written but not enabled: PID 1 is not systemd on " + host.name()
                    + " (enable it with systemctl enable --now " + DefragTimer.unit(name) + ".timer once it is)");
        }
        ExecResult r = host.session().privileged(t.enableScript(), null);
        return r.ok() ? done : new Outcome.Failed(c, "defrag timer of " + name + " written, but systemctl enable failed: " + r.firstLine());
    }

    /**
     * The guard, then the plan's mkfs argv. {@code overwrite} (an approved replace) lets the guard
     * pass a device with signatures, which {@code wipefs -a} clears first; mounted or held, it is refused all the same.
     */
    static String mkfsScript(Map<String, Object> step, boolean overwrite) {
        String device = ShellQuote.quote(String.valueOf(step.get("device")));
        StringBuilder b = new StringBuilder(GUARD).append("g ").append(device).append(overwrite ? " any\n" : " blank\n");
        if (overwrite) b.append("wipefs -a ").append(device).append(" >/dev/null || exit 8\n");
        return b.append(ShellQuote.command(strings(step, "argv"))).append(" </dev/null\n").toString();
    }

    private static Outcome run(RemoteHost host, ResourceChange c, String script, String what) throws SshFailure {
        ExecResult r = host.session().privileged(script, null);
        if (r.ok()) return new Outcome.Applied(c);
        // the guard's refusals (mounted, held, a signature: exit 5-7) are refusals; a missing or unreadable device fails
        if (r.exit() >= 5 && r.exit() <= 7) return new Outcome.Refused(c, r.firstLine());
        if (r.exit() == 3 || r.exit() == 4) return new Outcome.Failed(c, r.firstLine());
        return new Outcome.Failed(c, what + " on " + host.name() + " (exit " + r.exit() + "): " + r.firstLine());
    }

    /** One fstab for all the mounts (their lines by UUID), then each mounted, or remounted with its new options. */
    private static void mounts(RemoteHost host, Steps steps, List<ResourceChange> changes, List<Outcome> out) throws SshFailure {
        Map<String, String> lines = new LinkedHashMap<>();
        Map<ResourceChange, Map<String, Object>> ready = new LinkedHashMap<>();
        for (ResourceChange c : changes) {
            String name = c.address().name();
            Map<String, Object> step = steps.get("mount", "filesystem", name);
            Map<String, Object> mkfs = steps.get("mkfs", "filesystem", name);
            if (step == null || mkfs == null) {
                out.add(new Outcome.Failed(c, "the storage plan has no filesystem " + name));
                continue;
            }
            String device = String.valueOf(mkfs.get("device"));
            // the filesystem as it is now: it may have been made a moment ago, or its mkfs refused
            String mp = ShellQuote.quote(String.valueOf(step.get("mountpoint")));
            ExecResult u = host.session().privileged("PATH=$PATH:/usr/sbin:/sbin; blkid -p -o export " + ShellQuote.quote(device) + "; r=$?; "
                    + "m=$(findmnt -rn -o SOURCE --mountpoint " + mp + " | tail -n 1); printf 'MOUNTED=%s\\n' \"$m\"; "
                    + "[ -z \"$m\" ] || printf 'MOUNTED_AS=%s\\nDEVICE_AS=%s\\n' \"$(readlink -f \"$m\")\" \"$(readlink -f " + ShellQuote.quote(device) + ")\"; exit $r", null);
            Map<String, String> found = exported(u.out());
            String other = found.getOrDefault("MOUNTED", "");
            if (!other.isEmpty() && !found.getOrDefault("MOUNTED_AS", "").equals(found.get("DEVICE_AS"))) {
                // checked before fstab is written: a refused mount leaves fstab as it was
                out.add(new Outcome.Refused(c, step.get("mountpoint") + " has " + other + " mounted, not " + device + ": refused"));
                continue;
            }
            String uuid = found.getOrDefault("UUID", "");
            String type = String.valueOf(mkfs.get("type"));
            if (!u.ok() || !type.equals(found.get("TYPE")) || !uuid.matches("[0-9A-Za-z-]{4,64}")) {
                String has = found.get("TYPE") != null ? "carries " + found.get("TYPE") + ", not " + type : "has no " + type + " filesystem";
                out.add(new Outcome.Failed(c, "cannot mount " + name + ": " + device + " " + has + " (its filesystem change was not applied)"));
                continue;
            }
            String mountpoint = String.valueOf(step.get("mountpoint"));
            try {
                lines.put(mountpoint, fstabLine(step, name, uuid));
            } catch (IllegalArgumentException e) {
                out.add(new Outcome.Failed(c, e.getMessage()));
                continue;
            }
            ready.put(c, step);
        }
        if (ready.isEmpty()) return;
        byte[] now = host.probe().file(FSTAB).map(ProbeReport.FileState::bytes).orElse(new byte[0]);
        byte[] next = Fstab.parse(now).with(lines);
        try {
            if (!Arrays.equals(now, next)) host.write(FSTAB, next, "root:root", "644");
        } catch (RemoteHost.WriteFailed e) {
            for (ResourceChange c : ready.keySet()) out.add(new Outcome.Failed(c, e.getMessage()));
            return;
        }
        for (Map.Entry<ResourceChange, Map<String, Object>> e : ready.entrySet()) {
            Map<String, Object> step = e.getValue();
            String device = String.valueOf(steps.get("mkfs", "filesystem", e.getKey().address().name()).get("device"));
            ExecResult r = host.session().privileged(mountScript(step, device), null);
            out.add(r.ok() ? new Outcome.Applied(e.getKey())
                    : r.exit() == 5 ? new Outcome.Refused(e.getKey(), r.firstLine())
                    : new Outcome.Failed(e.getKey(), "mount " + step.get("mountpoint") + " on " + host.name() + ": " + r.firstLine()));
        }
    }

    /** The plan's fstab line with the UUID in place of its placeholder, the mount point escaped as fstab wants it. */
    static String fstabLine(Map<String, Object> step, String filesystem, String uuid) {
        String template = String.valueOf(step.get("fstab"));
        String mountpoint = String.valueOf(step.get("mountpoint"));
        String head = "UUID=" + StoragePlan.uuidPlaceholder(filesystem) + " " + mountpoint + " ";
        if (!template.startsWith(head)) throw new IllegalArgumentException("the storage plan's fstab line for " + filesystem + " is not by UUID: " + template);
        return ShellQuote.line("the fstab line of " + filesystem, "UUID=" + uuid + " " + Fstab.escape(mountpoint) + " " + template.substring(head.length()));
    }

    /**
     * Mounts by the plan's argv ({@code mount MOUNTPOINT}, from fstab) when nothing is mounted
     * there; remounts (new options from fstab) when the filesystem is; refuses when another is.
     */
    static String mountScript(Map<String, Object> step, String device) {
        String mp = ShellQuote.quote(String.valueOf(step.get("mountpoint")));
        String dev = ShellQuote.quote(device);
        return "PATH=$PATH:/usr/sbin:/sbin\nmkdir -p " + mp + " || exit 1\n"
                + "src=$(findmnt -rn -o SOURCE --mountpoint " + mp + " | tail -n 1)\n"
                + "if [ -z \"$src\" ]; then " + ShellQuote.command(strings(step, "argv")) + "\n"
                + "elif [ \"$(readlink -f \"$src\")\" = \"$(readlink -f " + dev + ")\" ]; then mount -o remount " + mp + "\n"
                + "else echo " + mp + "\" has $src mounted, not \"" + dev + "\": refused\" >&2; exit 5; fi\n";
    }

    /** {@code blkid -o export}: {@code KEY=value} lines. */
    static Map<String, String> exported(String text) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) m.putIfAbsent(line.substring(0, eq), line.substring(eq + 1).strip());
        }
        return m;
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Map<String, Object> step, String key) {
        Object v = step == null ? null : step.get(key);
        return v instanceof List<?> l ? (List<String>) l : List.of();
    }

    /** The storage plan's steps, found by kind and the array or filesystem they are for. */
    record Steps(Map<String, Object> plan) {
        @SuppressWarnings("unchecked")
        Map<String, Object> get(String kind, String key, String name) {
            for (Object o : (List<Object>) plan.get("steps")) {
                Map<String, Object> s = (Map<String, Object>) o;
                if (kind.equals(s.get("kind")) && name.equals(s.get(key))) return s;
            }
            return null;
        }
    }
}
