package dev.fleetform.reconciler.host.monitoring;

import dev.fleetform.changes.ResourceChange;
import dev.fleetform.changes.ResourceKind;
import dev.fleetform.compiler.model.MonitoringServer;
import dev.fleetform.reconciler.engine.Outcome;
import dev.fleetform.reconciler.host.HostApplier;
import dev.fleetform.reconciler.host.RemoteHost;
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
import java.util.Optional;
import java.util.Set;

/**
 * Puts the compiled monitoring config on the servers of {@code monitoring.servers}, one server at
 * a time: the files that hold a change of this run and whose bytes, owner or mode differ are copied aside, written (atomically,
 * {@link RemoteHost#write}), checked on the host ({@code promtool check config},
 * {@code amtool check-config}; skipped when the tool is not installed) and the server reloaded.
 * When the check or the reload fails, the previous files are put back (and the server reloaded
 * with them), so a server never keeps a half-written config; each change of that server then
 * fails with the tool's words. A Prometheus rule file git no longer compiles is removed.
 */
public final class MonitoringApplier implements HostApplier {
    private static final List<ResourceKind> KINDS = List.of(ResourceKind.PROMETHEUS_CONFIG, ResourceKind.PROMETHEUS_RULE,
            ResourceKind.SCRAPE_JOB, ResourceKind.ALERTMANAGER);
    /** Beside each file while a server is changed; no server reads this name (the rule glob is {@code *.yml}). */
    static final String PREVIOUS = ".fleetform-previous";
    private static final int MAX_LINES = 6;

    private final MonitoringFiles files;
    private final BridgeSecrets secrets;

    public MonitoringApplier(MonitoringFiles files, BridgeSecrets secrets) {
        this.files = files;
        this.secrets = secrets;
    }

    @Override
    public List<ResourceKind> kinds() {
        return KINDS;
    }

    @Override
    public void apply(RemoteHost host, List<ResourceChange> changes, List<Outcome> out) throws SshFailure {
        Map<MonitoringServer.Kind, List<ResourceChange>> byServer = new LinkedHashMap<>();
        for (ResourceChange c : changes) {
            MonitoringServer.Kind k = MonitoringFiles.kindOf(c.address());
            if (k == null) out.add(new Outcome.Failed(c, "not a monitoring file of this host"));
            else byServer.computeIfAbsent(k, x -> new ArrayList<>()).add(c);
        }
        for (MonitoringServer s : files.servers(host.name())) {
            List<ResourceChange> cs = byServer.remove(s.kind());
            if (cs != null) server(host, s, cs, out);
        }
        byServer.values().forEach(cs -> cs.forEach(c -> out.add(new Outcome.Failed(c,
                "monitoring.servers does not run this on " + host.name()))));
    }

    /** A file to put in place: the bytes (secrets filled in for the bridge) and whether it was there before. */
    private record Write(String path, byte[] bytes, String mode, boolean existed) {
    }

    private void server(RemoteHost host, MonitoringServer s, List<ResourceChange> changes, List<Outcome> out) throws SshFailure {
        ProbeReport probe = host.probe();
        // only the files that hold a change of this run (--target may have picked one rule)
        Set<dev.fleetform.changes.Address> changed = new java.util.HashSet<>();
        // a delete is a rule or target someone added by hand: the file of its group or job holds it
        Set<String> deletedIn = new java.util.HashSet<>();
        for (ResourceChange c : changes) {
            changed.add(c.address());
            String a = c.address().text();
            if (c.action() == dev.fleetform.changes.Action.DELETE) deletedIn.add(a.substring(0, a.lastIndexOf('/') + 1));
        }
        boolean deletes = !deletedIn.isEmpty();
        List<Write> writes = new ArrayList<>();
        Set<String> keep = new LinkedHashSet<>();
        for (MonitoringFiles.File f : files.of(s.kind())) {
            keep.add(f.path());
            if (!holds(f, changed, deletedIn)) continue;
            byte[] bytes;
            try {
                bytes = f.secrets() ? secrets.fill(f.data()) : f.bytes();
            } catch (BridgeSecrets.Unresolved e) {
                fail(changes, out, e.getMessage() + "; nothing written on " + host.name());
                return;
            }
            Optional<ProbeReport.FileState> now = probe.file(f.path());
            boolean same = now.isPresent() && Arrays.equals(now.get().bytes(), bytes)
                    && (MonitoringFiles.OWNER + " " + f.mode()).equals(now.get().ownerMode());
            if (!same) writes.add(new Write(f.path(), bytes, f.mode(), now.isPresent()));
        }
        List<String> removes = new ArrayList<>();
        if (s.kind() == MonitoringServer.Kind.PROMETHEUS && deletes) {
            for (String p : probe.glob(s.rulePath() + "/" + MonitoringFiles.RULE_FILES)) if (!keep.contains(p)) removes.add(p);
        }
        if (writes.isEmpty() && removes.isEmpty()) {
            // the probe saw what git declares byte for byte: nothing to write or reload
            for (ResourceChange c : changes) out.add(new Outcome.Applied(c));
            return;
        }
        List<String> previous = new ArrayList<>();
        for (Write w : writes) if (w.existed()) previous.add(w.path());
        previous.addAll(removes);
        List<String> created = new ArrayList<>();
        for (Write w : writes) if (!w.existed()) created.add(w.path());

        ExecResult saved = host.session().privileged(copyAside(previous), null);
        if (!saved.ok()) {
            fail(changes, out, "cannot keep the previous files aside on " + host.name() + ": " + saved.firstLine() + "; nothing written");
            return;
        }
        try {
            for (Write w : writes) host.write(w.path(), w.bytes(), MonitoringFiles.OWNER, w.mode());
            if (!removes.isEmpty()) {
                ExecResult r = host.session().privileged("rm -f " + ShellQuote.command(removes), null);
                if (!r.ok()) throw new RemoteHost.WriteFailed("cannot remove " + String.join(", ", removes) + ": " + r.firstLine());
            }
        } catch (RemoteHost.WriteFailed e) {
            restore(host, previous, created);
            fail(changes, out, e.getMessage() + "; the previous files are back on " + host.name());
            return;
        }
        String check = check(host, s);
        if (check != null) {
            restore(host, previous, created);
            fail(changes, out, check + "; the previous files are back on " + host.name() + ", nothing was reloaded");
            return;
        }
        String reload = reload(host, s);
        if (reload != null) {
            restore(host, previous, created);
            String again = reload(host, s);
            fail(changes, out, reload + "; the previous files are back on " + host.name()
                    + (again == null ? " and loaded again" : " (reloading them failed too)"));
            return;
        }
        host.session().privileged(forget(previous), null);
        for (ResourceChange c : changes) out.add(new Outcome.Applied(c));
    }

    /** Whether {@code f} holds one of the changes: a resource of it changed, or a delete under its group or job. */
    private static boolean holds(MonitoringFiles.File f, Set<dev.fleetform.changes.Address> changed, Set<String> deletedIn) {
        for (dev.fleetform.changes.Address a : f.resources().keySet()) {
            if (changed.contains(a)) return true;
            String t = a.text();
            if (deletedIn.contains(t.substring(0, t.lastIndexOf('/') + 1))) return true;
        }
        return false;
    }

    private static void fail(List<ResourceChange> changes, List<Outcome> out, String why) {
        for (ResourceChange c : changes) out.add(new Outcome.Failed(c, why));
    }

    /** {@code cp -p} of each file to its {@link #PREVIOUS} name, so a failed check can put it back. */
    static String copyAside(List<String> paths) {
        StringBuilder b = new StringBuilder("set -e; :");
        for (String p : paths) b.append("; cp -p ").append(ShellQuote.quote(p)).append(' ').append(ShellQuote.quote(p + PREVIOUS));
        return b.toString();
    }

    static String forget(List<String> paths) {
        StringBuilder b = new StringBuilder(":");
        for (String p : paths) b.append("; rm -f ").append(ShellQuote.quote(p + PREVIOUS));
        return b.toString();
    }

    /** The previous files back by rename (atomic, as they were written), and the ones this run created removed. */
    private static void restore(RemoteHost host, List<String> previous, List<String> created) throws SshFailure {
        StringBuilder b = new StringBuilder(":");
        for (String p : previous) b.append("; mv -f ").append(ShellQuote.quote(p + PREVIOUS)).append(' ').append(ShellQuote.quote(p));
        for (String p : created) b.append("; rm -f ").append(ShellQuote.quote(p));
        host.session().privileged(b.toString(), null);
    }

    /** The server's own checker on the files now in place, or null when they pass (or the checker is not installed). */
    private static String check(RemoteHost host, MonitoringServer s) throws SshFailure {
        List<String> words = switch (s.kind()) {
            case PROMETHEUS -> List.of("promtool", "check", "config", s.configPath());
            case ALERTMANAGER -> List.of("amtool", "check-config", s.configPath());
            case DINGTALK_BRIDGE -> null;
        };
        if (words == null) return null;
        String tool = words.getFirst();
        ExecResult r = host.session().privileged("if command -v " + tool + " >/dev/null 2>&1; then " + ShellQuote.command(words)
                + " 2>&1; else exit 200; fi", null);
        if (r.exit() == 200 || r.ok()) return null;
        // what failed, without the files that passed
        StringBuilder why = new StringBuilder();
        for (String l : (r.out() + r.stderr()).split("\n")) {
            String line = l.strip();
            if (line.startsWith("SUCCESS") || line.startsWith("Checking ")) continue;
            why.append(line).append('\n');
        }
        return String.join(" ", words.subList(0, words.size() - 1)) + " rejected the new config: " + lines(why.toString());
    }

    /** POST /-/reload on the host, or systemctl reload; null when the server took the config. */
    private static String reload(RemoteHost host, MonitoringServer s) throws SshFailure {
        return switch (s.reload()) {
            case MonitoringServer.Reload.Http h -> {
                String url = "http://" + ShellQuote.line("an address", h.address()) + "/-/reload";
                String q = ShellQuote.quote(url);
                ExecResult r = host.session().exec("if command -v curl >/dev/null 2>&1; then curl -sS --max-time 30 --fail-with-body -X POST " + q
                        + " 2>&1; elif command -v wget >/dev/null 2>&1; then wget -q -O- -T 30 --post-data= " + q
                        + " 2>&1; else echo 'neither curl nor wget on the host'; exit 127; fi", null);
                yield r.ok() ? null : "POST " + url + " failed: " + lines(r.out() + r.stderr());
            }
            case MonitoringServer.Reload.Systemd u -> {
                if (!host.probe().systemd()) {
                    yield "cannot reload " + u.unit() + ": the host does not run systemd (no /run/systemd/system); "
                            + "give monitoring.servers." + s.kind().key() + ".reload {http: host:port}";
                }
                ExecResult r = host.session().privileged(ShellQuote.command("systemctl", "reload", u.unit()) + " 2>&1", null);
                yield r.ok() ? null : "systemctl reload " + u.unit() + " failed: " + lines(r.out() + r.stderr());
            }
        };
    }

    /** The first lines of a tool's output, joined: enough to see why, not a page. */
    private static String lines(String text) {
        List<String> ls = new ArrayList<>();
        for (String l : text.strip().split("\n")) {
            if (l.isBlank()) continue;
            ls.add(l.strip());
            if (ls.size() == MAX_LINES) break;
        }
        return ls.isEmpty() ? "(no output)" : String.join(" | ", ls);
    }
}
