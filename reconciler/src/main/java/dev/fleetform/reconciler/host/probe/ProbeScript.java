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
 * early. POSIX sh, run as the login user (it only reads); few processes (sysctls and tests are
 * shell builtins), since on a busy host each one costs milliseconds.
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

    /** The probe for a host whose baseline declares {@code sysctlKeys} and {@code packages}. */
    public static ProbeScript of(List<String> sysctlKeys, List<String> packages) {
        return of(sysctlKeys, packages, List.of());
    }

    /** libvirt's system instance, whoever logs in (a non-root virsh would open the user's session). */
    public static final String VIRSH = "virsh -q -c qemu:///system";

    /**
     * The probe for a host that also declares the VMs {@code vms}: libvirt's domains (all names,
     * the autostarted ones), the state and persistent definition of those VMs only, and the
     * host's mdev devices.
     */
    public static ProbeScript of(List<String> sysctlKeys, List<String> packages, List<String> vms) {
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(nonce);
        String m = PREFIX + HexFormat.of().formatHex(nonce);
        StringBuilder b = new StringBuilder();
        b.append("M=").append(m).append('\n');
        b.append("b() { printf '%s begin %s\\n' \"$M\" \"$1\"; }\n");
        b.append("e() { printf '\\n%s end %s\\n' \"$M\" \"$1\"; }\n");
        b.append("s() { b \"$1\"; shift; \"$@\" 2>&1; e $?; }\n");
        // what sysctl -n KEY prints (the first line of /proc/sys/KEY, dots as slashes), without a process per key
        b.append("k() { b \"sysctl:$1\"; if [ ! -f \"$2\" ]; then printf 'sysctl: cannot stat %s: No such file or directory' \"$2\"; e 1; "
                + "elif { IFS= read -r v <\"$2\"; } 2>/dev/null; then printf '%s' \"$v\"; e 0; else printf 'sysctl: cannot read %s' \"$2\"; e 1; fi; }\n");
        for (String k : sysctlKeys) {
            String key = ShellQuote.line("a sysctl key", k);
            b.append("k ").append(ShellQuote.quote(key)).append(' ').append(ShellQuote.quote("/proc/sys/" + key.replace('.', '/'))).append('\n');
        }
        for (String f : HostFiles.MANAGED) {
            b.append("s ").append(ShellQuote.quote("file:" + f)).append(" cat ").append(ShellQuote.quote(f)).append('\n');
        }
        b.append("s stat stat -c '%n %U:%G %a'");
        for (String f : HostFiles.MANAGED) b.append(' ').append(ShellQuote.quote(f));
        b.append('\n');
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
        if (!vms.isEmpty()) {
            b.append("s virsh:list ").append(VIRSH).append(" list --all --name\n");
            b.append("s virsh:autostart ").append(VIRSH).append(" list --all --autostart --name\n");
            for (String vm : vms) {
                String q = ShellQuote.quote(ShellQuote.line("a VM name", vm));
                b.append("s ").append(ShellQuote.quote("vm-state:" + vm)).append(' ').append(VIRSH).append(" domstate ").append(q).append('\n');
                b.append("s ").append(ShellQuote.quote("vm-xml:" + vm)).append(' ').append(VIRSH).append(" dumpxml --inactive ").append(q).append('\n');
            }
            // uuid, parent device, type directory and the type's name (NVIDIA's "GRID A100-10C"), one mdev a line
            b.append("b mdev; for d in /sys/bus/mdev/devices/*; do [ -e \"$d\" ] || continue; p=$(readlink -f \"$d\"); p=${p%/*}; "
                    + "t=$(readlink -f \"$d/mdev_type\"); printf '%s\\t%s\\t%s\\t%s\\n' \"${d##*/}\" \"${p##*/}\" \"${t##*/}\" "
                    + "\"$(cat \"$t/name\" 2>/dev/null)\"; done; e 0\n");
        }
        b.append("printf '%s done\\n' \"$M\"\n");
        return new ProbeScript(m, b.toString());
    }
}
