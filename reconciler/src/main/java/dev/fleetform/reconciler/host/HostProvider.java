package dev.fleetform.reconciler.host;

import dev.fleetform.changes.Action;
import dev.fleetform.changes.Address;
import dev.fleetform.changes.Resource;
import dev.fleetform.changes.ResourceChange;
import dev.fleetform.changes.ResourceKind;
import dev.fleetform.changes.ResourceSet;
import dev.fleetform.compiler.Validation;
import dev.fleetform.compiler.emit.EmitContext;
import dev.fleetform.compiler.load.FleetSource;
import dev.fleetform.compiler.model.Host;
import dev.fleetform.compiler.plan.DesiredResources;
import dev.fleetform.reconciler.engine.Observation;
import dev.fleetform.reconciler.engine.Outcome;
import dev.fleetform.reconciler.engine.Provider;
import dev.fleetform.reconciler.engine.Target;
import dev.fleetform.reconciler.engine.TargetUnavailable;
import dev.fleetform.reconciler.host.probe.HostFiles;
import dev.fleetform.reconciler.host.probe.ProbeReport;
import dev.fleetform.reconciler.host.probe.ProbeScript;
import dev.fleetform.reconciler.host.ssh.ExecResult;
import dev.fleetform.reconciler.host.ssh.ShellQuote;
import dev.fleetform.reconciler.host.ssh.SshClient;
import dev.fleetform.reconciler.host.ssh.SshEndpoint;
import dev.fleetform.reconciler.host.ssh.SshFailure;
import dev.fleetform.reconciler.host.ssh.SshOptions;
import dev.fleetform.reconciler.host.ssh.SshSession;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;

/**
 * The {@code host} family: one target per host ({@code host/<name>}), reached over SSH. Desired is
 * what {@code fleetform plan} builds for the host; observed is one probe per host projected onto
 * the same addresses; apply converges the baseline (sysctls, limits, resolv.conf, timezone,
 * packages) with files written atomically, only when their bytes, owner or mode differ.
 * Storage, VMs and monitoring are not observed or applied yet (their live side mirrors git).
 */
public final class HostProvider implements Provider {
    private static final String OWNER = "root:root";
    private static final String MODE = "644";

    private final Map<String, Host> hosts = new LinkedHashMap<>();
    private final Map<String, ResourceSet.Part> parts = new LinkedHashMap<>();
    private final HostEndpoints endpoints;
    private final SshClient ssh;

    /**
     * @param fleet a valid fleet, as {@code Fleetform.validate()} returns it
     * @param ctx   the templates and workers {@code plan} uses (VM domain XML is part of a host's resources)
     * @param repo  the fleet's files, which {@code defaults.ssh.knownHosts} is read from (e.g. a FileSystemSource of fleet.yaml's directory)
     */
    public HostProvider(Validation fleet, EmitContext ctx, FleetSource repo, SshOptions options) {
        if (!fleet.valid()) throw new IllegalArgumentException("the fleet is not valid");
        ResourceSet all = DesiredResources.of(fleet.fleet(), fleet.index(), ctx);
        for (ResourceSet.Part p : all.parts()) parts.putIfAbsent(p.name(), p);
        for (Host h : fleet.fleet().hosts()) hosts.putIfAbsent(h.name(), h);
        this.endpoints = new HostEndpoints(fleet.fleet(), repo);
        this.ssh = new SshClient(options);
    }

    @Override
    public String family() {
        return "host";
    }

    @Override
    public List<Target> targets() {
        return hosts.keySet().stream().map(n -> new Target("host/" + n)).toList();
    }

    @Override
    public ResourceSet desired(Target target) {
        ResourceSet.Part p = parts.get(target.address());
        return p == null ? ResourceSet.EMPTY : ResourceSet.of(List.of(p));
    }

    private Host host(Target target) {
        Host h = hosts.get(target.address().substring("host/".length()));
        if (h == null) throw new IllegalArgumentException("no host target " + target);
        return h;
    }

    private SshSession open(Target target) throws TargetUnavailable {
        Host h = host(target);
        SshEndpoint e;
        try {
            e = endpoints.of(h);
        } catch (HostEndpoints.Unusable u) {
            throw new TargetUnavailable(target, u.getMessage(), u.hint, u);
        }
        try {
            return ssh.open(e);
        } catch (SshFailure f) {
            throw new TargetUnavailable(target, f.getMessage(), f.hint(), f);
        }
    }

    /** The SSH work of a call, on a virtual thread; see {@link #onVirtualThread}. */
    @FunctionalInterface
    private interface Io<T> {
        T run() throws TargetUnavailable;
    }

    /**
     * Runs {@code io} on a virtual thread and waits for it. The engine calls providers from its
     * compute pool (a fork-join pool sized to the cores): waiting through a CompletableFuture is a
     * managed block there, so the pool lends its thread to the next host meanwhile, and as many
     * hosts as the SSH client allows ({@code SshOptions.parallel}) are worked on at once.
     */
    private static <T> T onVirtualThread(Io<T> io) throws TargetUnavailable {
        CompletableFuture<T> f = CompletableFuture.supplyAsync(() -> {
            try {
                return io.run();
            } catch (TargetUnavailable e) {
                throw new CompletionException(e);
            }
        }, VIRTUAL);
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof TargetUnavailable u) throw u;
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw e;
        }
    }

    private static final ThreadFactory VIRTUAL_THREADS = Thread.ofVirtual().name("fleetform-host-", 0).factory();
    private static final Executor VIRTUAL = r -> VIRTUAL_THREADS.newThread(r).start();

    @Override
    public Observation observe(Target target) throws TargetUnavailable {
        return onVirtualThread(() -> probe(target));
    }

    private Observation probe(Target target) throws TargetUnavailable {
        Map<Address, Resource> desired = desired(target).all();
        Map<String, String> sysctls = BaselineFiles.values(desired, ResourceKind.SYSCTL);
        List<String> packages = new ArrayList<>();
        for (Resource r : desired.values()) if (r.kind() == ResourceKind.PACKAGE) packages.add(r.address().name());
        ProbeScript script = ProbeScript.of(List.copyOf(sysctls.keySet()), packages);
        ExecResult r;
        try (SshSession s = open(target)) {
            r = s.exec(script.script(), null);
        } catch (SshFailure f) {
            throw new TargetUnavailable(target, f.getMessage(), f.hint(), f);
        }
        ProbeReport probe;
        try {
            probe = ProbeReport.parse(r.stdout(), script.marker());
        } catch (IllegalArgumentException e) {
            throw new TargetUnavailable(target, "the probe of " + host(target).name() + " failed (exit " + r.exit() + "): "
                    + (r.stderr().isBlank() ? e.getMessage() : r.firstLine()), "run the probe by hand over ssh to see what the host says", e);
        }
        return new HostObservation(target.address(), LiveProjection.of(desired, probe), probe);
    }

    @Override
    public List<Outcome> apply(Target target, Observation observed, List<ResourceChange> changes) {
        List<Outcome> out = new ArrayList<>();
        if (changes.isEmpty()) return out;
        ProbeReport probe = ((HostObservation) observed).probe();
        Map<Address, Resource> desired = desired(target).all();
        try {
            onVirtualThread(() -> {
                try (SshSession s = open(target)) {
                    new Run(s, probe, desired, out).all(changes);
                }
                return null;
            });
        } catch (TargetUnavailable e) {
            out.clear();
            for (ResourceChange c : changes) out.add(new Outcome.Failed(c, e.getMessage()));
        }
        return out;
    }

    /** One apply on one host: the changes grouped by the file or command that makes them. */
    private static final class Run {
        private final SshSession s;
        private final ProbeReport probe;
        private final Map<Address, Resource> desired;
        private final List<Outcome> out;

        Run(SshSession s, ProbeReport probe, Map<Address, Resource> desired, List<Outcome> out) {
            this.s = s;
            this.probe = probe;
            this.desired = desired;
            this.out = out;
        }

        void all(List<ResourceChange> changes) {
            Map<ResourceKind, List<ResourceChange>> byKind = new LinkedHashMap<>();
            for (ResourceChange c : changes) byKind.computeIfAbsent(c.kind(), k -> new ArrayList<>()).add(c);
            for (ResourceKind k : List.of(ResourceKind.PACKAGE, ResourceKind.SYSCTL, ResourceKind.LIMIT, ResourceKind.DNS, ResourceKind.TIMEZONE)) {
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
                        case LIMIT -> file(made, HostFiles.LIMITS, BaselineFiles.limits(BaselineFiles.values(desired, ResourceKind.LIMIT)));
                        case DNS -> {
                            Resource dns = desired.get(made.getFirst().address());
                            file(made, HostFiles.RESOLV, BaselineFiles.resolv(BaselineFiles.strings(dns, "nameservers"), BaselineFiles.strings(dns, "search")));
                        }
                        case TIMEZONE -> timezone(made.getFirst(), String.valueOf(desired.get(made.getFirst().address()).fields().get("value")));
                        default -> throw new IllegalStateException(k.name());
                    }
                } catch (SshFailure f) {
                    for (ResourceChange c : made) out.add(new Outcome.Failed(c, f.getMessage()));
                } catch (IllegalArgumentException e) {
                    for (ResourceChange c : made) out.add(new Outcome.Failed(c, e.getMessage()));
                }
            }
            byKind.values().forEach(cs -> cs.forEach(c -> out.add(new Outcome.Failed(c,
                    "the host provider does not apply " + c.kind().jsonName() + " changes yet"))));
        }

        /**
         * Writes {@code path} atomically (a temporary file beside it, then rename) as root:root
         * 0644, only when its bytes, owner or mode differ from what the probe read.
         *
         * @return whether it was written
         */
        private boolean write(String path, byte[] bytes) throws SshFailure {
            Optional<ProbeReport.FileState> now = probe.file(path);
            if (now.isPresent() && Arrays.equals(now.get().bytes(), bytes) && (OWNER + " " + MODE).equals(now.get().ownerMode())) return false;
            String dir = path.substring(0, path.lastIndexOf('/'));
            String script = "set -e; mkdir -p " + ShellQuote.quote(dir) + "; t=$(mktemp " + ShellQuote.quote(dir + "/.fleetform.XXXXXX") + ")"
                    + "; trap 'rm -f \"$t\"' EXIT; cat >\"$t\"; chown " + OWNER + " \"$t\"; chmod 0" + MODE + " \"$t\"; mv -f \"$t\" "
                    + ShellQuote.quote(path) + "; trap - EXIT";
            ExecResult r = s.privileged(script, bytes);
            if (!r.ok()) throw new IllegalArgumentException("cannot write " + path + ": " + r.firstLine());
            return true;
        }

        private void file(List<ResourceChange> changes, String path, byte[] bytes) throws SshFailure {
            write(path, bytes);
            for (ResourceChange c : changes) out.add(new Outcome.Applied(c));
        }

        /** The file, then {@code sysctl -p} of that file only; each change is applied when the kernel reads back its value. */
        private void sysctls(List<ResourceChange> changes) throws SshFailure {
            Map<String, String> all = BaselineFiles.values(desired, ResourceKind.SYSCTL);
            write(HostFiles.SYSCTL, BaselineFiles.sysctl(all));
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
            if (probe.systemd()) {
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
            write(HostFiles.TIMEZONE, BaselineFiles.timezone(zone));
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
