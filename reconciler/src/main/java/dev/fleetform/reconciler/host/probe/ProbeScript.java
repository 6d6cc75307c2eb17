package dev.fleetform.reconciler.host.probe;

import dev.fleetform.reconciler.host.ssh.ShellQuote;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * The one command that reads all a drift check needs from a host, as one document of sections:
 * {@code <marker> begin <name>}, the section's exact bytes, then {@code <marker> end <exit status>}
 * on a line of its own (after a line break the probe adds). The marker holds a random nonce made
 * for each probe, so no content (a resolv.conf, an fstab someone edited) can end a section
 * early. POSIX sh (ProbeScriptShellTest runs it in dash and bash), as the login user (it only
 * reads); few processes (one {@code grep} reads every sysctl, tests are shell builtins), since on
 * a busy host each one costs milliseconds.
 */
public final class ProbeScript {
    static final String PREFIX = "fleetform-probe-";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String marker;
    private final String script;

    private ProbeScript(String marker, String script) {
        this.marker = marker;
        this.script = script;
    }

    public String marker() {
        return marker;
    }

    public String script() {
        return script;
    }

    /** The probe for a host whose baseline declares {@code sysctlKeys} and {@code packages}, and no storage. */
    public static ProbeScript of(List<String> sysctlKeys, List<String> packages) {
        return of(sysctlKeys, packages, List.of(), List.of());
    }

    /** Section name of a block device's signatures: its path as resolved, then {@code wipefs -J} of it ({@link #DEVICE_MISSING} when absent). */
    public static String deviceSection(String device) {
        return "dev:" + device;
    }

    /** Section name of {@code mdadm --detail --export} of {@code /dev/md/<array>}. */
    public static String arraySection(String array) {
        return "md:" + array;
    }

    /** The exit status of a device section whose device does not exist. */
    public static final int DEVICE_MISSING = 90;
    /** The exit status of an array section where the kernel has no md driver or mdadm is missing. */
    public static final int MD_UNAVAILABLE = 91;

    /**
     * The probe for a host that also declares storage: the signatures of {@code devices} (the
     * declared disks and array devices) and the md arrays {@code arrays}. Reading a device needs
     * root, so a login user who cannot read it asks {@code sudo -n}; a failure there is the
     * section's, never "no signature".
     */
    public static ProbeScript of(List<String> sysctlKeys, List<String> packages, List<String> devices, List<String> arrays) {
        return of(sysctlKeys, packages, devices, arrays, List.of(), List.of());
    }

    /**
     * The probe, also reading {@code files} (bytes, owner and mode: the monitoring config a host
     * gets) and every file matching each of {@code globs} ({@code <dir>/<pattern>}, the pattern of
     * {@code *} and safe characters only, e.g. {@code /etc/prometheus/rules/fleetform-*.yml}: rule
     * files Fleetform wrote that git no longer compiles), listed in section {@code glob:<glob>}.
     */
    public static ProbeScript of(List<String> sysctlKeys, List<String> packages, List<String> devices, List<String> arrays,
                                 List<String> files, List<String> globs) {
        return of(sysctlKeys, packages, devices, arrays, files, globs, List.of());
    }

    /** The namespace of Fleetform's element in a domain's {@code <metadata>}: the mark of a domain Fleetform defined. */
    public static final String MARK = "https://fleetform.dev/xmlns/libvirt/1";

    /** libvirt's system instance, whoever logs in (a non-root virsh would open the user's session). */
    public static final String VIRSH = "virsh -q -c qemu:///system";

    /**
     * The probe, also reading libvirt for the VMs {@code vms} the host declares: its domains (all
     * names, the autostarted ones), the state and persistent definition of those VMs and of every
     * other domain whose definition carries Fleetform's metadata ({@link #MARK}: a VM it defined
     * that git may no longer declare), and the host's mdev devices. With no VM declared, libvirt is
     * read only where its socket exists (no process is spent on hosts without libvirtd).
     */
    public static ProbeScript of(List<String> sysctlKeys, List<String> packages, List<String> devices, List<String> arrays,
                                 List<String> files, List<String> globs, List<String> vms) {
        return of(sysctlKeys, packages, devices, arrays, files, globs, vms, List.of());
    }

    /** Section name of {@code qemu-img info --output=json} of a VM disk volume. */
    public static String volumeSection(String path) {
        return "vol:" + path;
    }

    /** The exit status of a volume section where qemu-img is not installed. */
    public static final int QEMU_IMG_MISSING = 92;

    /**
     * The probe, also reading the VM disk volumes {@code volumes} (their paths, from the compiled
     * definitions) with {@code qemu-img info -U} (shared: the VM may be running): a missing file
     * is {@link #DEVICE_MISSING}, a host without qemu-img {@link #QEMU_IMG_MISSING}.
     */
    public static ProbeScript of(List<String> sysctlKeys, List<String> packages, List<String> devices, List<String> arrays,
                                 List<String> files, List<String> globs, List<String> vms, List<String> volumes) {
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(nonce);
        String m = PREFIX + HexFormat.of().formatHex(nonce);
        StringBuilder b = new StringBuilder();
        b.append("M=").append(m).append('\n');
        b.append("b() { printf '%s begin %s\\n' \"$M\" \"$1\"; }\n");
        b.append("e() { printf '\\n%s end %s\\n' \"$M\" \"$1\"; }\n");
        b.append("s() { b \"$1\"; shift; \"$@\" 2>&1; e $?; }\n");
        // r PATH COMMAND...: as is when the login user can read PATH, else through sudo -n (a
        // device, the bridge's 0600 config, a VM volume of root's)
        b.append("r() { d=$1; shift; if [ -r \"$d\" ]; then \"$@\"; else sudo -n \"$@\"; fi; }\n");
        // what sysctl -n KEY prints (the first line of its /proc/sys file) for every key, in one
        // process: "PATH:VALUE", or grep's "grep: PATH: REASON". Not the shell's read: dash reads a
        // byte at a time, and a /proc/sys file read past its first byte says end of file.
        if (!sysctlKeys.isEmpty()) {
            b.append("s sysctl grep -H -m1 ''");
            for (String k : sysctlKeys) b.append(' ').append(ShellQuote.quote(sysctlPath(ShellQuote.line("a sysctl key", k))));
            b.append('\n');
        }
        for (String f : HostFiles.MANAGED) {
            b.append("s ").append(ShellQuote.quote("file:" + f)).append(" cat ").append(ShellQuote.quote(f)).append('\n');
        }
        // only where it is: most hosts never had it, and a process costs more than a test
        b.append("[ -f ").append(HostFiles.SYSCTL_BEFORE).append(" ] && s ").append(ShellQuote.quote("file:" + HostFiles.SYSCTL_BEFORE))
                .append(" cat ").append(HostFiles.SYSCTL_BEFORE).append('\n');
        b.append("s stat stat -c '%n %U:%G %a'");
        for (String f : HostFiles.MANAGED) b.append(' ').append(ShellQuote.quote(f));
        b.append('\n');
        for (String f : files) {
            String path = ShellQuote.line("a file path", f);
            b.append("s ").append(ShellQuote.quote("file:" + path)).append(" r ").append(ShellQuote.quote(path)).append(" cat ").append(ShellQuote.quote(path)).append('\n');
        }
        if (!files.isEmpty()) {
            b.append("s stat:files stat -c '%n %U:%G %a'");
            for (String f : files) b.append(' ').append(ShellQuote.quote(f));
            b.append('\n');
        }
        for (String g : globs) b.append(glob(g));
        b.append("s link:/etc/localtime readlink /etc/localtime\n");
        b.append("b systemd; [ -d /run/systemd/system ]; e $?\n");
        if (!packages.isEmpty()) {
            b.append("s dpkg dpkg-query -W -f '${Package}\\t${db:Status-Abbrev}\\n'");
            for (String p : packages) b.append(' ').append(ShellQuote.quote(p));
            b.append('\n');
        }
        b.append("s lsblk lsblk -J -b\n");
        b.append("s findmnt findmnt -J\n");
        b.append("s file:/etc/fstab cat /etc/fstab\n");
        b.append("b mdstat; if [ -e /proc/mdstat ]; then cat /proc/mdstat; e $?; else printf 'no /proc/mdstat'; e 1; fi\n");
        if (!devices.isEmpty() || !arrays.isEmpty()) {
            // wipefs and mdadm live in sbin, which a login user's PATH may lack
            b.append("PATH=$PATH:/usr/sbin:/sbin\n");
        }
        if (!devices.isEmpty()) {
            b.append("v() { b \"dev:$1\"; if [ ! -e \"$1\" ]; then printf 'no such device: %s' \"$1\"; e ").append(DEVICE_MISSING)
                    .append("; else readlink -f \"$1\"; r \"$1\" wipefs -J \"$1\" 2>&1; e $?; fi; }\n");
            for (String d : devices) b.append("v ").append(ShellQuote.quote(ShellQuote.line("a device path", d))).append('\n');
        }
        if (!arrays.isEmpty()) {
            b.append("a() { b \"md:$1\"; if [ ! -e /proc/mdstat ]; then printf '%s' '").append(ProbeReport.Mdstat.UNSUPPORTED).append("'; e ")
                    .append(MD_UNAVAILABLE).append("; elif ! command -v mdadm >/dev/null; then printf 'mdadm is not installed'; e ").append(MD_UNAVAILABLE)
                    .append("; else r \"$2\" mdadm --detail --export \"$2\" 2>&1; e $?; fi; }\n");
            for (String f : List.of(HostFiles.MDADM_CONF_DEBIAN, HostFiles.MDADM_CONF_OTHER)) {
                b.append("s ").append(ShellQuote.quote("file:" + f)).append(" cat ").append(ShellQuote.quote(f)).append('\n');
            }
            for (String a : arrays) {
                String name = ShellQuote.line("an array name", a);
                b.append("a ").append(ShellQuote.quote(name)).append(' ').append(ShellQuote.quote("/dev/md/" + name)).append('\n');
            }
        }
        // libvirt where VMs are declared, and where libvirtd listens (a VM git no longer declares may be there)
        b.append(vms.isEmpty() ? "if [ -S /run/libvirt/libvirt-sock ] || [ -S /run/libvirt/virtqemud-sock ]; then\n" : "if :; then\n");
        b.append("L=$(").append(VIRSH).append(" list --all --name 2>&1); r=$?; b virsh:list; printf '%s' \"$L\"; e $r\n");
        b.append("s virsh:autostart ").append(VIRSH).append(" list --all --autostart --name\n");
        StringBuilder declared = new StringBuilder(" ");
        for (String vm : vms) {
            String name = ShellQuote.line("a VM name", vm);
            String q = ShellQuote.quote(name);
            declared.append(name).append(' ');
            b.append("s ").append(ShellQuote.quote("vm-state:" + vm)).append(' ').append(VIRSH).append(" domstate ").append(q).append('\n');
            b.append("s ").append(ShellQuote.quote("vm-xml:" + vm)).append(' ').append(VIRSH).append(" dumpxml --inactive ").append(q).append('\n');
        }
        // the other domains: state and definition of those that carry Fleetform's metadata (what it defined)
        b.append("D=").append(ShellQuote.quote(declared.toString())).append('\n');
        b.append("[ $r = 0 ] && printf '%s\\n' \"$L\" | while IFS= read -r d; do [ -n \"$d\" ] || continue; case $D in *\" $d \"*) continue;; esac; ")
                .append("x=$(").append(VIRSH).append(" dumpxml --inactive -- \"$d\" 2>/dev/null) || continue; case $x in *").append(ShellQuote.quote(MARK))
                .append("*) ;; *) continue;; esac; b \"vm-state:$d\"; ").append(VIRSH).append(" domstate -- \"$d\" 2>&1; e $?; ")
                .append("b \"vm-xml:$d\"; printf '%s\\n' \"$x\"; e 0; done\n");
        if (!volumes.isEmpty()) {
            b.append("q() { b \"vol:$1\"; if [ ! -e \"$1\" ]; then printf 'no such volume: %s' \"$1\"; e ").append(DEVICE_MISSING)
                    .append("; elif ! command -v qemu-img >/dev/null; then printf 'qemu-img is not installed'; e ").append(QEMU_IMG_MISSING)
                    .append("; else r \"$1\" qemu-img info -U --output=json -- \"$1\" 2>&1; e $?; fi; }\n");
            for (String v : volumes) b.append("q ").append(ShellQuote.quote(ShellQuote.line("a volume path", v))).append('\n');
        }
        // uuid, parent device, type directory and the type's name (NVIDIA's "GRID A100-10C"), one mdev a line
        b.append("b mdev; for d in /sys/bus/mdev/devices/*; do [ -e \"$d\" ] || continue; p=$(readlink -f \"$d\"); p=${p%/*}; "
                + "t=$(readlink -f \"$d/mdev_type\"); printf '%s\\t%s\\t%s\\t%s\\n' \"${d##*/}\" \"${p##*/}\" \"${t##*/}\" "
                + "\"$(cat \"$t/name\" 2>/dev/null)\"; done; e 0\n");
        b.append("fi\n");
        b.append("printf '%s done\\n' \"$M\"\n");
        return new ProbeScript(m, b.toString());
    }

    /**
     * The /proc/sys file of a sysctl key, by sysctl(8)'s rule: in a dotted name ({@code
     * net.ipv4.conf.eth0/100.rp_filter}) a slash stands for a dot of the name; a name whose first
     * separator is a slash is a path already.
     */
    public static String sysctlPath(String key) {
        int dot = key.indexOf('.');
        int slash = key.indexOf('/');
        if (slash >= 0 && (dot < 0 || slash < dot)) return "/proc/sys/" + key;
        StringBuilder p = new StringBuilder("/proc/sys/");
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            p.append(c == '.' ? '/' : c == '/' ? '.' : c);
        }
        return p.toString();
    }

    /** The files of one glob: their list, then each one's bytes and owner/mode. The directory is quoted, the pattern is not. */
    private static String glob(String glob) {
        int slash = glob.lastIndexOf('/');
        String dir = ShellQuote.line("a directory", glob.substring(0, slash));
        String pattern = glob.substring(slash + 1);
        if (!pattern.matches("[A-Za-z0-9._*-]+")) throw new IllegalArgumentException("not a file pattern: " + pattern);
        String each = "for f in " + ShellQuote.quote(dir) + "/" + pattern + "; do [ -f \"$f\" ] || continue; ";
        return "b " + ShellQuote.quote("glob:" + glob) + "; " + each + "printf '%s\\n' \"$f\"; done; e 0\n"
                + each + "s \"file:$f\" cat \"$f\"; s \"stat:$f\" stat -c '%n %U:%G %a' \"$f\"; done\n";
    }
}
