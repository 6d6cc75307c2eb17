package dev.fleetform.reconciler.host;

import dev.fleetform.changes.Action;
import dev.fleetform.changes.Address;
import dev.fleetform.changes.Resource;
import dev.fleetform.changes.ResourceChange;
import dev.fleetform.changes.ResourceKind;
import dev.fleetform.reconciler.engine.Outcome;
import dev.fleetform.reconciler.host.probe.HostFiles;
import dev.fleetform.reconciler.host.probe.ProbeReport;
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
 * the timezone. Files are root:root
 * 0644. Removing a baseline setting is left to a person (the provider does not know what the
 * host had before).
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
                    if (c.action() == Action.DELETE) out.add(new Outcome.Failed(c, "the host provider does not remove " + c.kind().jsonName()
                            + " settings: remove it on the host by hand"));
                    else made.add(c);
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
         * starts, so where it runs it is re-executed, as the playbook's handler does.
         */
        private void limits(List<ResourceChange> changes) throws SshFailure {
            Map<String, String> all = BaselineFiles.values(desired, ResourceKind.LIMIT);
            host.write(HostFiles.LIMITS, BaselineFiles.limits(all), OWNER, MODE);
            String nofile = all.get("nofile");
            if (nofile != null && host.write(HostFiles.SYSTEMD_LIMITS, BaselineFiles.systemdLimits(nofile), OWNER, MODE)) {
                ExecResult r = s.privileged("if [ -d /run/systemd/system ]; then systemctl daemon-reexec; fi", null);
                if (!r.ok()) {
                    for (ResourceChange c : changes) out.add(new Outcome.Failed(c, "systemctl daemon-reexec failed on " + host.name() + ": " + r.firstLine()));
                    return;
                }
            }
            for (ResourceChange c : changes) out.add(new Outcome.Applied(c));
        }

        private void file(List<ResourceChange> changes, String path, byte[] bytes) throws SshFailure {
            host.write(path, bytes, OWNER, MODE);
            for (ResourceChange c : changes) out.add(new Outcome.Applied(c));
        }

        /** The file, then {@code sysctl -p} of that file only; each change is applied when the kernel reads back its value. */
        private void sysctls(List<ResourceChange> changes) throws SshFailure {
            Map<String, String> all = BaselineFiles.values(desired, ResourceKind.SYSCTL);
            host.write(HostFiles.SYSCTL, BaselineFiles.sysctl(all), OWNER, MODE);
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
                    String path = "/proc/sys/" + key.replace('.', '/');
                    String why = Arrays.stream(errors.split("\\|")).filter(l -> l.contains(key) || l.contains(path)).findFirst()
                            .orElse("the kernel reads " + (got.isEmpty() ? "nothing" : got) + " after sysctl -p");
                    out.add(new Outcome.Failed(c, "sysctl " + key + ": " + why));
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
