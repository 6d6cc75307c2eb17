package dev.fleetform.reconciler.host.probe;

import dev.fleetform.reconciler.host.ssh.ShellQuote;

import java.util.List;

/**
 * The one command that reads all a drift check needs from a host, as one document: a line per
 * section, {@code <marker> <section> <exit status> <base64 of its output>}, so no content (a
 * resolv.conf, an fstab) can be mistaken for structure, and files come back byte for byte.
 * POSIX sh, run as the login user (it only reads).
 */
public final class ProbeScript {
    public static final String MARKER = "fleetform-probe-1";

    private ProbeScript() {
    }

    /** The probe for a host whose baseline declares {@code sysctlKeys} and {@code packages}. */
    public static String of(List<String> sysctlKeys, List<String> packages) {
        StringBuilder b = new StringBuilder();
        b.append("umask 077; T=$(mktemp) || exit 90; trap 'rm -f \"$T\"' EXIT\n");
        b.append("s() { n=$1; shift; \"$@\" >\"$T\" 2>&1; rc=$?; printf '%s %s %s ' ").append(MARKER)
                .append(" \"$n\" \"$rc\"; base64 -w0 <\"$T\"; echo; }\n");
        for (String k : sysctlKeys) {
            String key = ShellQuote.quote(ShellQuote.line("a sysctl key", k));
            b.append("s ").append(ShellQuote.quote("sysctl:" + k)).append(" sysctl -n ").append(key).append('\n');
        }
        for (String f : HostFiles.MANAGED) {
            b.append("s ").append(ShellQuote.quote("file:" + f)).append(" cat ").append(ShellQuote.quote(f)).append('\n');
            b.append("s ").append(ShellQuote.quote("stat:" + f)).append(" stat -c '%U:%G %a' ").append(ShellQuote.quote(f)).append('\n');
        }
        b.append("s link:/etc/localtime readlink /etc/localtime\n");
        b.append("s systemd test -d /run/systemd/system\n");
        if (!packages.isEmpty()) {
            b.append("s dpkg dpkg-query -W -f '${Package}\\t${db:Status-Abbrev}\\n'");
            for (String p : packages) b.append(' ').append(ShellQuote.quote(p));
            b.append('\n');
        }
        b.append("s lsblk lsblk -J -b\n");
        b.append("s findmnt findmnt -J\n");
        b.append("s file:/etc/fstab cat /etc/fstab\n");
        b.append("s mdstat cat /proc/mdstat\n");
        b.append("printf '%s end 0 \\n' ").append(MARKER).append('\n');
        return b.toString();
    }
}
