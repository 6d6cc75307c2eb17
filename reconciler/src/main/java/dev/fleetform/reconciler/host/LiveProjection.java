package dev.fleetform.reconciler.host;

import dev.fleetform.changes.Address;
import dev.fleetform.changes.Resource;
import dev.fleetform.changes.ResourceKind;
import dev.fleetform.compiler.plan.HostPaths;
import dev.fleetform.reconciler.host.monitoring.MonitoringProjection;
import dev.fleetform.reconciler.host.probe.HostFiles;
import dev.fleetform.reconciler.host.probe.ProbeReport;
import dev.fleetform.reconciler.host.storage.StorageProjection;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A probe seen in the plan's address space: for each resource git declares on the host, what is
 * live at its address, with the same fields. Only what the fleet declares is read, so a sysctl
 * the fleet does not mention is never drift. A live value equal to git's up to how it is written
 * (the kernel's tabs, UTC's other names) is reported as git writes it.
 *
 * <p>Storage (raid, filesystem, mount) is projected by {@link StorageProjection}; VMs, their disks
 * and vGPUs by {@code VmProjection}. The host's own record is not observed yet: it is reported as
 * git declares it, so it never shows as drift.
 */
final class LiveProjection {
    private LiveProjection() {
    }

    record Live(List<Resource> resources, List<String> warnings) {
    }

    static Live of(Map<Address, Resource> desired, ProbeReport probe) {
        return of(desired, probe, MonitoringProjection.OnHost.NONE);
    }

    static Live of(Map<Address, Resource> desired, ProbeReport probe, MonitoringProjection.OnHost monitoring) {
        List<Resource> out = new ArrayList<>(monitoring.project(probe));
        List<String> warnings = new ArrayList<>();
        Map<String, Map<String, Set<String>>> limits = null;
        Map<String, Boolean> packages = null;
        StorageProjection storage = new StorageProjection(desired, probe);
        Map<String, String> before = sysctlsBefore(probe);
        for (Resource want : desired.values()) {
            Address a = want.address();
            switch (want.kind()) {
                case SYSCTL -> {
                    ProbeReport.Sysctl s = probe.sysctl(a.name());
                    if (!s.readable()) {
                        warnings.add(a.text() + ": " + s.error());
                        continue;
                    }
                    String wanted = String.valueOf(want.fields().get("value"));
                    String value = ProbeReport.normalise(wanted).equals(s.value()) ? wanted : s.value();
                    if (before.containsKey(a.name())) value += " (and " + before.get(a.name()) + " in " + HostFiles.SYSCTL_BEFORE + ", which wins at boot)";
                    out.add(new Resource(a, ResourceKind.SYSCTL, Map.of("value", value)));
                }
                case LIMIT -> {
                    if (limits == null) limits = limits(probe);
                    Map<String, Set<String>> item = limits.get(a.name());
                    if (item == null) continue;
                    Set<String> values = new LinkedHashSet<>();
                    item.values().forEach(values::addAll);
                    boolean complete = item.size() == 4 && values.size() == 1;
                    String value = complete ? values.iterator().next() : describe(item);
                    if (a.name().equals("nofile")) {
                        // services take it from systemd's drop-in, logins from limits.d: both must say it
                        String services = systemdNofile(probe);
                        if (!String.valueOf(want.fields().get("value")).equals(services)) {
                            value += " (systemd DefaultLimitNOFILE " + (services == null ? "unset" : services) + ")";
                        }
                    }
                    out.add(new Resource(a, ResourceKind.LIMIT, Map.of("value", value)));
                }
                case DNS -> out.add(new Resource(a, ResourceKind.DNS, resolv(probe)));
                case TIMEZONE -> {
                    String zone = probe.timezone();
                    if (zone == null) continue;
                    String wanted = String.valueOf(want.fields().get("value"));
                    out.add(new Resource(a, ResourceKind.TIMEZONE, Map.of("value", ProbeReport.sameZone(zone, wanted) ? wanted : zone)));
                }
                case PACKAGE -> {
                    if (packages == null) packages = probe.packages();
                    if (Boolean.TRUE.equals(packages.get(a.name()))) out.add(new Resource(a, ResourceKind.PACKAGE, Map.of()));
                }
                case VM, VM_DISK, VGPU -> dev.fleetform.reconciler.host.vm.VmProjection.live(want, desired, probe).ifPresent(out::add);
                case RAID, FILESYSTEM, MOUNT -> storage.project(want, out, warnings);
                case PROMETHEUS_RULE, SCRAPE_JOB, PROMETHEUS_CONFIG, ALERTMANAGER, CONSUL_SERVICE -> {
                    // read by MonitoringProjection above, and Consul's by HostProvider (ConsulFiles)
                }
                default -> out.add(new Resource(a, want.kind(), want.fields()));
            }
        }
        String host = host(desired);
        if (host != null) {
            removedFromGit(host, desired, probe, out);
            storage.removed(host, out);
        }
        return new Live(out, warnings);
    }

    private static String host(Map<Address, Resource> desired) {
        for (Resource r : desired.values()) if (r.kind() == ResourceKind.HOST) return ((Address.OnHost) r.address()).host();
        return null;
    }

    /**
     * What Fleetform's own files set that git no longer declares: a sysctl key in its sysctl.d
     * file, a limit in its limits.d file. Each shows at its old address with the file's value, so
     * the plan has a delete, and apply rewrites the file without it.
     */
    private static void removedFromGit(String host, Map<Address, Resource> desired, ProbeReport probe, List<Resource> out) {
        Address.OnHost a = Address.OnHost.of(host);
        Map<String, String> set = new TreeMap<>(sysctlsBefore(probe));
        set.putAll(sysctlFile(probe));
        set.forEach((k, v) -> {
            Address at = a.child("sysctl", k);
            if (!desired.containsKey(at)) out.add(new Resource(at, ResourceKind.SYSCTL, Map.of("value", v)));
        });
        limits(probe).forEach((item, byType) -> {
            Address at = a.child("limits", item);
            if (desired.containsKey(at)) return;
            Set<String> values = new LinkedHashSet<>();
            byType.values().forEach(values::addAll);
            out.add(new Resource(at, ResourceKind.LIMIT, Map.of("value", byType.size() == 4 && values.size() == 1 ? values.iterator().next() : describe(byType))));
        });
    }

    /** {@code key = value} lines of Fleetform's sysctl.d file (comments and other lines ignored), values whitespace-normalised. */
    static Map<String, String> sysctlFile(ProbeReport probe) {
        return sysctlLines(probe.file(HostFiles.SYSCTL).map(f -> new String(f.bytes(), StandardCharsets.UTF_8)).orElse(""));
    }

    /** The same of the file an earlier Fleetform wrote ({@link HostFiles#SYSCTL_BEFORE}), when it carries Fleetform's header: a file of the same name without it is someone else's. */
    static Map<String, String> sysctlsBefore(ProbeReport probe) {
        String text = probe.file(HostFiles.SYSCTL_BEFORE).map(f -> new String(f.bytes(), StandardCharsets.UTF_8)).orElse("");
        return text.startsWith(HostPaths.HEADER + "\n") ? sysctlLines(text) : Map.of();
    }

    private static Map<String, String> sysctlLines(String text) {
        Map<String, String> out = new TreeMap<>();
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#") || l.startsWith(";")) continue;
            int eq = l.indexOf('=');
            if (eq <= 0) continue;
            String key = l.substring(0, eq).strip();
            if (key.startsWith("-")) key = key.substring(1);
            out.put(key, ProbeReport.normalise(l.substring(eq + 1).strip()));
        }
        return out;
    }

    /** Item → {@code <domain> <type>} → values, from the limits.d file Fleetform writes (comments and other lines ignored). */
    static Map<String, Map<String, Set<String>>> limits(ProbeReport probe) {
        Map<String, Map<String, Set<String>>> out = new TreeMap<>();
        probe.file(HostFiles.LIMITS).ifPresent(f -> {
            for (String line : new String(f.bytes(), StandardCharsets.UTF_8).split("\n")) {
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) continue;
                String[] p = l.split("\\s+");
                if (p.length != 4) continue;
                if (!p[0].equals("*") && !p[0].equals("root")) continue;
                if (!p[1].equals("soft") && !p[1].equals("hard") && !p[1].equals("-")) continue;
                List<String> types = p[1].equals("-") ? List.of("soft", "hard") : List.of(p[1]);
                for (String t : types) {
                    out.computeIfAbsent(p[2], k -> new TreeMap<>()).computeIfAbsent(p[0] + " " + t, k -> new LinkedHashSet<>()).add(p[3]);
                }
            }
        });
        return out;
    }

    /** DefaultLimitNOFILE in the systemd drop-in Fleetform writes (the last one set), or null. */
    static String systemdNofile(ProbeReport probe) {
        String found = null;
        String text = probe.file(HostFiles.SYSTEMD_LIMITS).map(f -> new String(f.bytes(), StandardCharsets.UTF_8)).orElse("");
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.startsWith("DefaultLimitNOFILE=")) found = l.substring("DefaultLimitNOFILE=".length()).strip();
        }
        return found;
    }

    /** A limit the file does not set to one value for all of {@code *}/root, soft/hard: shown as it is. */
    private static String describe(Map<String, Set<String>> item) {
        List<String> parts = new ArrayList<>();
        for (String dt : List.of("* soft", "* hard", "root soft", "root hard")) {
            Set<String> v = item.get(dt);
            parts.add(dt + " " + (v == null ? "unset" : String.join("|", v)));
        }
        return String.join(", ", parts);
    }

    /** nameserver lines in order; the last search (or domain) line, as the resolver reads them. */
    static Map<String, Object> resolv(ProbeReport probe) {
        List<String> servers = new ArrayList<>();
        List<String> search = List.of();
        String text = probe.file(HostFiles.RESOLV).map(f -> new String(f.bytes(), StandardCharsets.UTF_8)).orElse("");
        for (String line : text.split("\n")) {
            String[] p = line.strip().split("\\s+");
            if (p.length < 2 || p[0].startsWith("#") || p[0].startsWith(";")) continue;
            switch (p[0]) {
                case "nameserver" -> servers.add(p[1]);
                case "search", "domain" -> search = List.of(p).subList(1, p.length);
                default -> {
                }
            }
        }
        Map<String, Object> m = new TreeMap<>();
        m.put("nameservers", servers);
        m.put("search", List.copyOf(search));
        return m;
    }
}
