package dev.fleetform.reconciler.host;

import dev.fleetform.changes.Action;
import dev.fleetform.changes.Address;
import dev.fleetform.changes.Resource;
import dev.fleetform.changes.ResourceChange;
import dev.fleetform.changes.ResourceKind;
import dev.fleetform.compiler.plan.HostPaths;
import dev.fleetform.reconciler.engine.Outcome;
import dev.fleetform.reconciler.host.probe.HostFiles;
import dev.fleetform.reconciler.host.probe.ProbeReport;
import dev.fleetform.reconciler.host.probe.ProbeScript;
import dev.fleetform.reconciler.host.ssh.ExecResult;
import dev.fleetform.reconciler.host.ssh.ShellQuote;
import dev.fleetform.reconciler.host.ssh.SshFailure;
import dev.fleetform.reconciler.host.ssh.SshSession;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The baseline of a host: packages (apt-get), sysctls (the file, then {@code sysctl -p} of it,
 * checked by reading the kernel back), limits.d and systemd's DefaultLimitNOFILE, resolv.conf and
 * the timezone. Files are root:root 0644. A sysctl or limit removed from git is removed from
 * Fleetform's own file (the file is rewritten from git); a removed sysctl's live value is set again
 * from the host's other sysctl files, as a boot would. Packages removed from git are not uninstalled.
 */
final class BaselineApplier implements HostApplier {
    private static final String OWNER = "root:root";
    private static final String MODE = "644";
    private static final List<ResourceKind> KINDS = List.of(ResourceKind.PACKAGE, ResourceKind.SYSCTL, ResourceKind.LIMIT,
            ResourceKind.DNS, ResourceKind.TIMEZONE);

    @Override
    public List<ResourceKind> kinds() {
        return KINDS;
    }

    @Override
    public void apply(RemoteHost host, List<ResourceChange> changes, List<Outcome> out) throws SshFailure {
        new Run(host, out).all(changes);
    }

    /** One apply of the baseline on one host: the changes grouped by the file or command that makes them. */
    private static final class Run {
        private final RemoteHost host;
        private final SshSession s;
        private final Map<Address, Resource> desired;
        private final List<Outcome> out;

        Run(RemoteHost host, List<Outcome> out) {
            this.host = host;
            this.s = host.session();
            this.desired = host.desired();
            this.out = out;
        }

        void all(List<ResourceChange> changes) throws SshFailure {
            Map<ResourceKind, List<ResourceChange>> byKind = new LinkedHashMap<>();
            for (ResourceChange c : changes) byKind.computeIfAbsent(c.kind(), k -> new ArrayList<>()).add(c);
            for (ResourceKind k : KINDS) {
                List<ResourceChange> cs = byKind.remove(k);
                if (cs == null) continue;
                List<ResourceChange> made = new ArrayList<>();
                for (ResourceChange c : cs) {
                    boolean removable = k == ResourceKind.SYSCTL || k == ResourceKind.LIMIT;
                    if (c.action() != Action.DELETE || removable) made.add(c);
                    else if (k == ResourceKind.PACKAGE) out.add(new Outcome.Failed(c, "Fleetform does not uninstall packages: "
                            + c.address().name() + " stays installed on " + host.name() + " (apt-get remove it by hand if nothing needs it)"));
                    else out.add(new Outcome.Failed(c, "the host provider does not remove " + c.kind().jsonName()
                            + " settings: remove it on the host by hand"));
                }
                if (made.isEmpty()) continue;
                try {
                    switch (k) {
                        case PACKAGE -> packages(made);
                        case SYSCTL -> sysctls(made);
                        case LIMIT -> limits(made);
                        case DNS -> {
                            Resource dns = desired.get(made.getFirst().address());
                            file(made, HostFiles.RESOLV, BaselineFiles.resolv(BaselineFiles.strings(dns, "nameservers"), BaselineFiles.strings(dns, "search")));
                        }
                        case TIMEZONE -> timezone(made.getFirst(), String.valueOf(desired.get(made.getFirst().address()).fields().get("value")));
                        default -> throw new IllegalStateException(k.name());
                    }
                } catch (IllegalArgumentException e) {
                    for (ResourceChange c : made) out.add(new Outcome.Failed(c, e.getMessage()));
                }
            }
        }

        /**
         * limits.d for logins, and DefaultLimitNOFILE for systemd's services (which pam_limits does
         * not reach), as the compiled playbook writes them; systemd's manager reads its file when it
         * starts, so where it runs it is re-executed, as the playbook's handler does. A limit removed
         * from git is gone from the files, and applies from the next login.
         */
        private void limits(List<ResourceChange> changes) throws SshFailure {
            Map<String, String> all = BaselineFiles.values(desired, ResourceKind.LIMIT);
            host.write(HostFiles.LIMITS, BaselineFiles.limits(all), OWNER, MODE);
            String nofile = all.get("nofile");
            boolean systemd;
            if (nofile != null) {
                systemd = host.write(HostFiles.SYSTEMD_LIMITS, BaselineFiles.systemdLimits(nofile), OWNER, MODE);
            } else if (host.probe().file(HostFiles.SYSTEMD_LIMITS).isPresent()) {
                // nofile left git: Fleetform's drop-in goes with it
                ExecResult rm = s.privileged("rm -f " + ShellQuote.quote(HostFiles.SYSTEMD_LIMITS), null);
                if (!rm.ok()) {
                    for (ResourceChange c : changes) out.add(new Outcome.Failed(c, "cannot remove " + HostFiles.SYSTEMD_LIMITS + ": " + rm.firstLine()));
                    return;
                }
                systemd = true;
            } else {
                systemd = false;
            }
            if (systemd) {
                ExecResult r = s.privileged("if [ -d /run/systemd/system ]; then systemctl daemon-reexec; fi", null);
                if (!r.ok()) {
                    for (ResourceChange c : changes) out.add(new Outcome.Failed(c, "systemctl daemon-reexec failed on " + host.name() + ": " + r.firstLine()));
                    return;
                }
            }
            for (ResourceChange c : changes) {
                out.add(c.action() == Action.DELETE ? new Outcome.Applied(c, "limit " + c.address().name() + " is removed from " + HostFiles.LIMITS
                        + ": sessions from the next login on no longer get it; running processes keep theirs") : new Outcome.Applied(c));
            }
        }

        private void file(List<ResourceChange> changes, String path, byte[] bytes) throws SshFailure {
            host.write(path, bytes, OWNER, MODE);
            for (ResourceChange c : changes) out.add(new Outcome.Applied(c));
        }

        /** The file, then {@code sysctl -p} of that file only; each change is applied when the kernel reads back its value. */
        private void sysctls(List<ResourceChange> all0) throws SshFailure {
            Map<String, String> all = BaselineFiles.values(desired, ResourceKind.SYSCTL);
            host.write(HostFiles.SYSCTL, BaselineFiles.sysctl(all), OWNER, MODE);
            // an earlier Fleetform's file, whose old values would win at boot: gone before anything is read back
            if (host.probe().file(HostFiles.SYSCTL_BEFORE).isPresent()) {
                String before = ShellQuote.quote(HostFiles.SYSCTL_BEFORE);
                s.privileged("if [ \"$(head -n 1 " + before + " 2>/dev/null)\" = " + ShellQuote.quote(HostPaths.HEADER) + " ]; then rm -f " + before + "; fi", null);
            }
            List<ResourceChange> changes = new ArrayList<>();
            List<ResourceChange> removed = new ArrayList<>();
            for (ResourceChange c : all0) (c.action() == Action.DELETE ? removed : changes).add(c);
            if (!removed.isEmpty()) unset(removed);
            if (changes.isEmpty()) return;
            // sysctl -p's errors (stderr only), then what the kernel reads back for each changed key
            StringBuilder script = new StringBuilder("e=$(sysctl -p ").append(ShellQuote.quote(HostFiles.SYSCTL)).append(" 2>&1 >/dev/null); ");
            for (ResourceChange c : changes) {
                String key = c.address().name();
                script.append("printf '%s\\t%s\\n' ").append(ShellQuote.quote(key)).append(" \"$(sysctl -n ").append(ShellQuote.quote(key))
                        .append(" 2>/dev/null | tr -s '\\t ' '  ')\"; ");
            }
            script.append("printf 'errors\\t%s\\n' \"$(printf '%s' \"$e\" | tr '\\n' '|')\"");
            ExecResult r = s.privileged(script.toString(), null);
            Map<String, String> read = new LinkedHashMap<>();
            String errors = "";
            for (String line : r.out().split("\n")) {
                String[] p = line.split("\t", 2);
                if (p.length < 2) continue;
                if (p[0].equals("errors")) errors = p[1];
                else read.put(p[0], p[1].strip());
            }
            for (ResourceChange c : changes) {
                String key = c.address().name();
                String want = ProbeReport.normalise(all.getOrDefault(key, ""));
                String got = read.getOrDefault(key, "");
                if (want.equals(ProbeReport.normalise(got))) {
                    out.add(new Outcome.Applied(c));
                } else {
                    // sysctl names the key in its message, or its /proc/sys path
                    String path = ProbeScript.sysctlPath(key);
                    String why = Arrays.stream(errors.split("\\|")).filter(l -> l.contains(key) || l.contains(path)).findFirst()
                            .orElse("the kernel reads " + (got.isEmpty() ? "nothing" : got) + " after sysctl -p");
                    out.add(new Outcome.Failed(c, "sysctl " + key + ": " + why));
                }
            }
        }

        /**
         * Sysctls git no longer sets, now gone from Fleetform's file: each set again to the value the
         * host's other sysctl files give it (systemd-sysctl's order: by file name, /etc before /run
         * before /usr/local/lib before /usr/lib; Debian's /etc/sysctl.conf last), and only that key, never
         * the whole set (sysctl --system would apply what else they hold). When no file sets it, the
         * kernel keeps its value until the next boot; the outcome says which.
         */
        private void unset(List<ResourceChange> removed) throws SshFailure {
            StringBuilder b = new StringBuilder("PATH=$PATH:/usr/sbin:/sbin\n")
                    .append("files=$(for d in /etc/sysctl.d /run/sysctl.d /usr/local/lib/sysctl.d /usr/lib/sysctl.d /lib/sysctl.d; do ")
                    .append("for f in \"$d\"/*.conf; do [ -f \"$f\" ] && printf '%s\\t%s\\n' \"${f##*/}\" \"$f\"; done; done ")
                    .append("| sort -s -u -t \"$(printf '\\t')\" -k1,1 | cut -f2; [ -f /etc/sysctl.conf ] && echo /etc/sysctl.conf)\n")
                    .append("u() { K=$1; export K; r=$(awk -F= '{x=$1; gsub(/^[ \\t-]+|[ \\t]+$/, \"\", x); if (x == ENVIRON[\"K\"]) ")
                    .append("{ v=substr($0, index($0, \"=\") + 1); gsub(/^[ \\t]+|[ \\t]+$/, \"\", v); r=FILENAME \"\\t\" v } } END { print r }' $files /dev/null); ")
                    .append("if [ -n \"$r\" ] && sysctl -q -w \"$K=${r#*\t}\" >/dev/null 2>&1; then printf 'set\\t%s\\t%s\\n' \"$K\" \"$r\"; ")
                    .append("else printf 'kept\\t%s\\t%s\\n' \"$K\" \"$(sysctl -n \"$K\" 2>/dev/null | tr -s '\\t ' '  ')\"; fi; }\n");
            for (ResourceChange c : removed) b.append("u ").append(ShellQuote.quote(ShellQuote.line("a sysctl key", c.address().name()))).append('\n');
            ExecResult r = s.privileged(b.toString(), null);
            Map<String, String[]> got = new LinkedHashMap<>();
            for (String line : r.out().split("\n")) {
                String[] p = line.split("\t", 4);
                if (p.length >= 2) got.put(p[1], p);
            }
            for (ResourceChange c : removed) {
                String key = c.address().name();
                String[] p = got.get(key);
                String gone = "sysctl " + key + " is removed from " + HostFiles.SYSCTL + "; ";
                if (p != null && p[0].equals("set") && p.length >= 4) {
                    out.add(new Outcome.Applied(c, gone + "set to " + p[3].strip() + " again, as " + p[2] + " says"));
                } else {
                    String now = p != null && p.length >= 3 ? p[2].strip() : "";
                    out.add(new Outcome.Applied(c, gone + "no other sysctl file sets it, so the kernel keeps "
                            + (now.isEmpty() ? "its value" : now) + " until the next boot"));
                }
            }
        }

        /** /etc/localtime (a link, replaced by rename) and /etc/timezone; timedatectl only where systemd runs. */
        private void timezone(ResourceChange c, String zone) throws SshFailure {
            String zoneFile = HostFiles.ZONEINFO + ShellQuote.line("a timezone", zone);
            ExecResult check = s.exec("test -f " + ShellQuote.quote(zoneFile), null);
            if (!check.ok()) {
                out.add(new Outcome.Failed(c, "the host has no zone " + zone + " (" + zoneFile + "): install tzdata"));
                return;
            }
            if (host.probe().systemd()) {
                ExecResult r = s.privileged(ShellQuote.command("timedatectl", "set-timezone", zone), null);
                if (!r.ok()) {
                    out.add(new Outcome.Failed(c, "timedatectl set-timezone " + zone + ": " + r.firstLine()));
                    return;
                }
            }
            String link = "set -e; t=" + ShellQuote.quote(HostFiles.LOCALTIME + ".fleetform") + "; rm -f \"$t\"; ln -s "
                    + ShellQuote.quote(zoneFile) + " \"$t\"; mv -fT \"$t\" " + ShellQuote.quote(HostFiles.LOCALTIME);
            ExecResult r = s.privileged(link, null);
            if (!r.ok()) {
                out.add(new Outcome.Failed(c, "cannot link " + HostFiles.LOCALTIME + ": " + r.firstLine()));
                return;
            }
            host.write(HostFiles.TIMEZONE, BaselineFiles.timezone(zone), OWNER, MODE);
            out.add(new Outcome.Applied(c));
        }

        private void packages(List<ResourceChange> changes) throws SshFailure {
            List<String> words = new ArrayList<>(List.of("apt-get", "install", "-y", "-q", "--no-install-recommends"));
            for (ResourceChange c : changes) words.add(c.address().name());
            ExecResult r = s.privileged("DEBIAN_FRONTEND=noninteractive " + ShellQuote.command(words), null);
            for (ResourceChange c : changes) {
                out.add(r.ok() ? new Outcome.Applied(c) : new Outcome.Failed(c, "apt-get install: " + r.firstLine()));
            }
        }
    }
}
