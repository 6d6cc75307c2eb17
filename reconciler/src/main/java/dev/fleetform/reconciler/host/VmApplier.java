package dev.fleetform.reconciler.host;

import dev.fleetform.changes.Action;
import dev.fleetform.changes.Address;
import dev.fleetform.changes.FieldChange;
import dev.fleetform.changes.Resource;
import dev.fleetform.changes.ResourceChange;
import dev.fleetform.changes.ResourceKind;
import dev.fleetform.reconciler.engine.Outcome;
import dev.fleetform.reconciler.host.probe.ProbeScript;
import dev.fleetform.reconciler.host.ssh.ExecResult;
import dev.fleetform.reconciler.host.ssh.ShellQuote;
import dev.fleetform.reconciler.host.ssh.SshFailure;
import dev.fleetform.reconciler.host.vm.DomainXml;
import dev.fleetform.reconciler.host.vm.Mdev;
import dev.fleetform.reconciler.host.vm.VmProjection;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The VMs of a host, one VM at a time (so at most one VM of a host is down at once): mdevs with
 * the compiled UUIDs first, then {@code virsh define} of the compiled XML (written to
 * {@value #DIR}), start, autostart. A change that needs a restart (the definition, a vGPU) shuts
 * the VM down gracefully ({@code virsh shutdown}) and waits up to the shutdown timeout; a guest
 * that does not stop in time is a failure of that VM, never a {@code virsh destroy}. A removed VM
 * (destructive: it reaches here only approved) is shut down the same way, destroyed when it has not
 * stopped by the timeout (its removal was approved), and undefined; its disk volumes stay, except
 * those whose own delete was approved too, which are deleted after the undefine.
 */
final class VmApplier implements HostApplier {
    /** How long a guest gets to answer {@code virsh shutdown} (ACPI). */
    static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(120);
    /** Where the compiled definitions are written before {@code virsh define} reads them. */
    static final String DIR = "/var/lib/fleetform/libvirt";
    private static final List<ResourceKind> KINDS = List.of(ResourceKind.VM, ResourceKind.VM_DISK, ResourceKind.VGPU);
    /** The VM fields whose change needs the definition made again. */
    private static final Set<String> REDEFINE = Set.of("vcpus", "memoryGiB", "bridge", "address", "domainXml");
    private static final String VIRSH = ProbeScript.VIRSH;

    private final Duration shutdownTimeout;

    VmApplier() {
        this(SHUTDOWN_TIMEOUT);
    }

    VmApplier(Duration shutdownTimeout) {
        this.shutdownTimeout = shutdownTimeout;
    }

    @Override
    public List<ResourceKind> kinds() {
        return KINDS;
    }

    @Override
    public void apply(RemoteHost host, List<ResourceChange> changes, List<Outcome> out) throws SshFailure {
        Map<String, List<ResourceChange>> byVm = new TreeMap<>();
        for (ResourceChange c : changes) {
            String vm = c.address() instanceof Address.OnHost a ? a.vm() : null;
            if (vm == null) out.add(new Outcome.Failed(c, "not a VM address: " + c.address().text()));
            else byVm.computeIfAbsent(vm, k -> new ArrayList<>()).add(c);
        }
        for (Map.Entry<String, List<ResourceChange>> e : byVm.entrySet()) new Vm(host, e.getKey(), e.getValue(), out).apply();
    }

    /** Thrown by a step of one VM: every change of that VM without an outcome fails with it. */
    private static final class StepFailed extends Exception {
        StepFailed(String message) {
            super(message);
        }
    }

    private final class Vm {
        private final RemoteHost host;
        private final String name;
        private final List<ResourceChange> changes;
        private final List<Outcome> out;
        private final List<ResourceChange> done = new ArrayList<>();

        Vm(RemoteHost host, String name, List<ResourceChange> changes, List<Outcome> out) {
            this.host = host;
            this.name = ShellQuote.line("a VM name", name);
            this.changes = changes;
            this.out = out;
        }

        void apply() throws SshFailure {
            try {
                ResourceChange vm = changes.stream().filter(c -> c.kind() == ResourceKind.VM).findFirst().orElse(null);
                boolean declared = host.desired().containsKey(new Address.OnHost(host.name(), List.of("vm", name)));
                if (vm != null && vm.action() == Action.DELETE) remove(vm);
                else if (!declared) {
                    // its disks' deletes approved, the VM's removal not: the domain still uses them
                    for (ResourceChange c : changes) {
                        refused(c, "VM " + name + " still uses its disks: a disk of a VM git no longer declares is deleted with the VM's removal only "
                                + "(approve host/" + host.name() + "/vm/" + name + " too)");
                    }
                } else converge(vm);
                for (ResourceChange c : changes) if (!done.contains(c)) out.add(new Outcome.Applied(c));
            } catch (StepFailed f) {
                for (ResourceChange c : changes) if (!done.contains(c)) out.add(new Outcome.Failed(c, f.getMessage()));
            }
        }

        private String state() {
            return host.probe().vmState(name);
        }

        private void converge(ResourceChange vm) throws SshFailure, StepFailed {
            Resource want = host.desired().get(new Address.OnHost(host.name(), List.of("vm", name)));
            if (want == null) throw new StepFailed("VM " + name + " is not declared on " + host.name());
            List<String> lines = lines(want.fields().get("domainXml"));
            DomainXml compiled = DomainXml.parse(String.join("\n", lines));
            boolean defined = state() != null;
            boolean redefine = !defined || (vm != null && vm.fields().stream().anyMatch(f -> REDEFINE.contains(top(f))))
                    || changes.stream().anyMatch(c -> c.kind() != ResourceKind.VM);
            boolean running = "running".equals(state()) || "paused".equals(state());
            for (ResourceChange c : changes) {
                if (c.kind() == ResourceKind.VM_DISK && c.action() == Action.DELETE) {
                    failed(c, "removing a disk of VM " + name + ", which git still declares, is not automated: "
                            + "the volume " + c.before().get("path") + " stays; delete it by hand once the VM no longer uses it");
                }
            }
            if (redefine && defined && running) shutdown();
            vgpus(compiled);
            volumes(compiled, want);
            if (redefine) define(lines);
            String wantState = String.valueOf(want.fields().get("state"));
            if (wantState.equals("running")) {
                if (redefine || !running) virsh("start", "virsh start " + name);
                else if ("paused".equals(state())) virsh("resume", "virsh resume " + name);
            }
            boolean autostart = Boolean.TRUE.equals(want.fields().get("autostart"));
            boolean liveAutostart = host.probe().libvirt().autostart().contains(name);
            if (!defined || autostart != liveAutostart) {
                ExecResult r = host.session().privileged(VIRSH + " autostart " + (autostart ? "" : "--disable ") + ShellQuote.quote(name), null);
                if (!r.ok()) throw new StepFailed("virsh autostart " + name + ": " + r.firstLine());
            }
        }

        /** mdevs: a removed or replaced vGPU's mdev goes (the VM is off or not using it), a new one is created with its compiled UUID. */
        private void vgpus(DomainXml compiled) throws SshFailure, StepFailed {
            List<String> uuids = compiled.vgpuUuids();
            String liveXml = host.probe().vmXml(name);
            List<String> liveUuids = liveXml == null ? List.of() : DomainXml.parse(liveXml).vgpuUuids();
            Set<String> present = new java.util.HashSet<>();
            for (Mdev m : host.probe().mdevs()) present.add(m.uuid().toLowerCase(java.util.Locale.ROOT));
            for (ResourceChange c : changes) {
                if (c.kind() != ResourceKind.VGPU) continue;
                int i = VmProjection.index(c.address());
                String old = i < liveUuids.size() ? liveUuids.get(i) : i < uuids.size() ? uuids.get(i) : null;
                if (c.action() != Action.CREATE && old != null && present.contains(old.toLowerCase(java.util.Locale.ROOT))) {
                    ExecResult r = host.session().privileged(Mdev.removeCommand(old), null);
                    if (!r.ok()) throw new StepFailed("cannot remove mdev " + old + " of VM " + name + ": " + r.firstLine());
                    present.remove(old.toLowerCase(java.util.Locale.ROOT));
                }
                if (c.action() == Action.DELETE) continue;
                Resource g = host.desired().get(c.address());
                String uuid = uuids.get(i);
                if (present.contains(uuid.toLowerCase(java.util.Locale.ROOT))) continue;
                String pci = pci(String.valueOf(g.fields().get("gpu")));
                ExecResult r = host.session().privileged(Mdev.createCommand(pci, String.valueOf(g.fields().get("profile")), uuid), null);
                if (!r.ok()) throw new StepFailed("cannot create the " + g.fields().get("profile") + " vGPU of VM " + name + ": " + r.firstLine());
            }
        }

        /**
         * The disk volumes, the VM shut off: a missing one created (qcow2, never over an existing
         * file), a grown one resized, a shrunk one (destructive: approved) resized with
         * {@code --shrink}. A volume that cannot be made fails the VM (it cannot start without it);
         * a failed resize fails that disk and the VM starts again with the size it had.
         */
        private void volumes(DomainXml compiled, Resource want) throws SshFailure, StepFailed {
            // a new VM's disks are told by its create (folded): their volumes are made here all the same
            List<String> paths = new ArrayList<>(compiled.diskFiles().values());
            for (int i = 0; i < paths.size(); i++) {
                Address disk = ((Address.OnHost) want.address()).child("disk", Integer.toString(i));
                if (changes.stream().anyMatch(c -> c.address().equals(disk))) continue;
                dev.fleetform.reconciler.host.probe.ProbeReport.Volume v = host.probe().volume(paths.get(i));
                Resource d = host.desired().get(disk);
                if (v == null || v.exists() || d == null || !(d.fields().get("sizeGiB") instanceof Number size)) continue;
                ExecResult r = host.session().privileged(createVolumeScript(paths.get(i), size.longValue()), null);
                if (!r.ok()) throw new StepFailed("VM " + name + " was not defined or started: cannot create its disk " + paths.get(i) + ": " + firstError(r));
            }
            for (ResourceChange c : changes) {
                if (c.kind() != ResourceKind.VM_DISK || c.action() == Action.DELETE || done.contains(c)) continue;
                String path = diskPath(compiled, c);
                Resource d = host.desired().get(c.address());
                if (d == null || !(d.fields().get("sizeGiB") instanceof Number size)) {
                    failed(c, "disk " + c.address().name() + " of VM " + name + " is not declared");
                    continue;
                }
                String script = switch (c.action()) {
                    case CREATE -> createVolumeScript(path, size.longValue());
                    case REPLACE -> c.approved() ? resizeVolumeScript(path, size.longValue(), true) : null;
                    default -> resizeVolumeScript(path, size.longValue(), false);
                };
                if (script == null) {
                    refused(c, "shrinking a disk of VM " + name + " is destructive and not approved");
                    continue;
                }
                ExecResult r = host.session().privileged(script, null);
                if (r.ok()) continue;
                String why = (c.action() == Action.CREATE ? "cannot create " : "cannot resize ") + path + ": " + firstError(r);
                if (c.action() == Action.CREATE) {
                    if (r.exit() == 5) refused(c, why);
                    else failed(c, why);
                    throw new StepFailed("VM " + name + " was not defined or started: its disk " + path + " is missing");
                }
                failed(c, why);
            }
        }

        private String pci(String gpu) throws StepFailed {
            Resource h = host.desired().get(Address.OnHost.of(host.name()));
            if (h != null && h.fields().get("gpus") instanceof List<?> gpus) {
                for (Object o : gpus) if (o instanceof Map<?, ?> m && gpu.equals(String.valueOf(m.get("name")))) return String.valueOf(m.get("pci"));
            }
            throw new StepFailed("host " + host.name() + " has no GPU " + gpu);
        }

        /** The compiled bytes, written as a file libvirt reads: the template's lines, each ended by a line break. */
        private void define(List<String> lines) throws SshFailure, StepFailed {
            String file = DIR + "/" + name + ".xml";
            byte[] bytes = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
            try {
                host.write(file, bytes, "root:root", "600");
            } catch (RemoteHost.WriteFailed e) {
                throw new StepFailed(e.getMessage());
            }
            ExecResult r = host.session().privileged(VIRSH + " define " + ShellQuote.quote(file), null);
            if (!r.ok()) throw new StepFailed("virsh define of VM " + name + ": " + firstError(r));
        }

        private void virsh(String verb, String what) throws SshFailure, StepFailed {
            ExecResult r = host.session().privileged(VIRSH + " " + verb + " " + ShellQuote.quote(name), null);
            if (!r.ok()) throw new StepFailed(what + ": " + firstError(r));
        }

        /** {@code virsh shutdown}, then {@code domstate} once a second until it is shut off or the timeout passes. */
        private void shutdown() throws SshFailure, StepFailed {
            shutdown(false);
        }

        /** As {@link #shutdown()}; {@code destroy}: a guest still running at the timeout is ended by {@code virsh destroy} (an approved removal). */
        private void shutdown(boolean destroy) throws SshFailure, StepFailed {
            long seconds = Math.max(1, shutdownTimeout.toSeconds());
            String q = ShellQuote.quote(name);
            String script = VIRSH + " shutdown " + q + " >/dev/null || exit 2; i=0; while [ $i -lt " + seconds + " ]; do "
                    + "[ \"$(" + VIRSH + " domstate " + q + ")\" = 'shut off' ] && exit 0; sleep 1; i=$((i+1)); done; exit 9";
            ExecResult r = host.session().privileged(script, null, shutdownTimeout.plusSeconds(30));
            if (r.exit() == 9 && destroy) {
                virsh("destroy", "VM " + name + " did not shut down within " + seconds + " s of virsh shutdown, and virsh destroy");
                return;
            }
            if (r.exit() == 9) {
                throw new StepFailed("VM " + name + " did not shut down within " + seconds + " s of virsh shutdown (its guest did not answer ACPI): "
                        + "it was not destroyed and still runs its old definition; stop it by hand (virsh shutdown or destroy " + name + ") and apply again");
            }
            if (!r.ok()) throw new StepFailed("virsh shutdown " + name + ": " + firstError(r));
        }

        /**
         * An approved removal: shut down (destroyed at the timeout), undefine, the mdevs of its
         * vGPUs, then the volumes of the disks whose delete was approved too (the others stay).
         */
        private void remove(ResourceChange vm) throws SshFailure, StepFailed {
            if (!vm.approved()) throw new StepFailed("removing VM " + name + " is destructive and not approved"); // the engine stops it first
            String s = state();
            if (s == null) return;
            if (!"shut off".equals(s)) shutdown(true);
            virsh("undefine", "virsh undefine " + name);
            done.add(vm);
            out.add(new Outcome.Applied(vm));
            for (ResourceChange c : changes) {
                if (c.kind() != ResourceKind.VM_DISK || c.action() != Action.DELETE) continue;
                if (!c.approved()) {
                    refused(c, "deleting a disk volume is destructive and not approved");
                    continue;
                }
                ExecResult r = host.session().privileged(removeVolumeScript(String.valueOf(c.before().get("path"))), null);
                if (r.ok()) {
                    out.add(new Outcome.Applied(c));
                    done.add(c);
                } else if (r.exit() == 5) refused(c, r.firstLine());
                else failed(c, "cannot delete " + c.before().get("path") + ": " + firstError(r));
            }
            String liveXml = host.probe().vmXml(name);
            if (liveXml == null) return;
            Set<String> present = new java.util.HashSet<>();
            for (Mdev m : host.probe().mdevs()) present.add(m.uuid().toLowerCase(java.util.Locale.ROOT));
            for (String uuid : DomainXml.parse(liveXml).vgpuUuids()) {
                if (!present.contains(uuid.toLowerCase(java.util.Locale.ROOT))) continue;
                ExecResult r = host.session().privileged(Mdev.removeCommand(uuid), null);
                if (!r.ok()) throw new StepFailed("VM " + name + " undefined, but its mdev " + uuid + " stays: " + r.firstLine());
            }
        }

        private void refused(ResourceChange c, String why) {
            out.add(new Outcome.Refused(c, why));
            done.add(c);
        }

        private void failed(ResourceChange c, String why) {
            out.add(new Outcome.Failed(c, why));
            done.add(c);
        }
    }

    /**
     * Creates a qcow2 volume of {@code sizeGiB} at {@code path}, only where there is no file: the
     * name is taken with O_EXCL ({@code set -C}) before qemu-img writes it, so an existing volume
     * is never overwritten (exit 5), even one made a moment before.
     */
    static String createVolumeScript(String path, long sizeGiB) {
        String f = ShellQuote.quote(ShellQuote.line("a volume path", path));
        return "PATH=$PATH:/usr/bin:/bin; f=" + f + "; d=$(dirname -- \"$f\")\n"
                + "[ -d \"$d\" ] || { echo \"$d does not exist (is its filesystem mounted?)\" >&2; exit 3; }\n"
                + "command -v qemu-img >/dev/null || { echo 'qemu-img is not installed (Debian: qemu-utils)' >&2; exit 4; }\n"
                + "[ -e \"$f\" ] && { echo \"$f exists: an existing volume is never overwritten\" >&2; exit 5; }\n"
                + "( set -C; : >\"$f\" ) 2>/dev/null || { echo \"$f exists: an existing volume is never overwritten\" >&2; exit 5; }\n"
                + "chmod 0600 \"$f\" && qemu-img create -q -f qcow2 -- \"$f\" " + sizeGiB + "G </dev/null || { r=$?; rm -f -- \"$f\"; exit $r; }\n";
    }

    /** Resizes the qcow2 volume at {@code path} to {@code sizeGiB}; {@code shrink} (an approved shrink) loses what lies past the new end. */
    static String resizeVolumeScript(String path, long sizeGiB, boolean shrink) {
        String f = ShellQuote.quote(ShellQuote.line("a volume path", path));
        return "PATH=$PATH:/usr/bin:/bin; f=" + f + "\n"
                + "[ -f \"$f\" ] || { echo \"$f: no such volume\" >&2; exit 3; }\n"
                + "qemu-img resize -q -f qcow2 " + (shrink ? "--shrink " : "") + "-- \"$f\" " + sizeGiB + "G </dev/null\n";
    }

    /** Deletes a removed VM's volume: a regular file, or nothing when it is gone already; anything else is refused (exit 5). */
    static String removeVolumeScript(String path) {
        String f = ShellQuote.quote(ShellQuote.line("a volume path", path));
        return "f=" + f + "; [ -e \"$f\" ] || exit 0; [ -f \"$f\" ] && [ ! -L \"$f\" ] || { echo \"$f is not a regular file: refused\" >&2; exit 5; }; rm -f -- \"$f\"";
    }

    private static String diskPath(DomainXml compiled, ResourceChange c) {
        List<String> files = new ArrayList<>(compiled.diskFiles().values());
        int i = VmProjection.index(c.address());
        return i >= 0 && i < files.size() ? files.get(i) : "its volume";
    }

    private static String top(FieldChange f) {
        String p = f.path();
        int i = 0;
        while (i < p.length() && p.charAt(i) != '.' && p.charAt(i) != '[') i++;
        return p.substring(0, i);
    }

    private static String firstError(ExecResult r) {
        String e = r.stderr().strip();
        for (String l : e.split("\n")) if (!l.isBlank()) return l.strip();
        return r.firstLine().isBlank() ? "exit " + r.exit() : r.firstLine();
    }

    private static List<String> lines(Object domainXml) {
        List<String> out = new ArrayList<>();
        if (domainXml instanceof List<?> l) for (Object o : l) out.add(String.valueOf(o));
        return out;
    }
}
