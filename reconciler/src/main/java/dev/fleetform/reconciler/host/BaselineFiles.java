package dev.fleetform.reconciler.host;

import dev.fleetform.changes.Address;
import dev.fleetform.changes.Resource;
import dev.fleetform.changes.ResourceKind;
import dev.fleetform.compiler.plan.HostPaths;
import dev.fleetform.reconciler.host.ssh.ShellQuote;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The bytes of the files Fleetform writes for a host's baseline, from its desired resources, in
 * the shapes the compiled host-baseline playbook writes (so either tool leaves the same file).
 */
final class BaselineFiles {
    private static final String HEADER = HostPaths.HEADER + "\n";

    private BaselineFiles() {
    }

    /** {@code key = value} per declared sysctl, sorted. */
    static byte[] sysctl(Map<String, String> sysctls) {
        StringBuilder b = new StringBuilder(HEADER);
        new TreeMap<>(sysctls).forEach((k, v) -> b.append(ShellQuote.line("a sysctl key", k)).append(" = ")
                .append(ShellQuote.line("the value of sysctl " + k, v)).append('\n'));
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Soft and hard, for {@code *} and for root (which {@code *} does not match in pam_limits). */
    static byte[] limits(Map<String, String> limits) {
        StringBuilder b = new StringBuilder(HEADER).append("# \"*\" does not match root in pam_limits, so root gets its own lines.\n");
        new TreeMap<>(limits).forEach((item, v) -> {
            String i = ShellQuote.line("a limit name", item);
            String value = ShellQuote.line("the value of limit " + item, v);
            for (String domain : List.of("*", "root")) {
                for (String type : List.of("soft", "hard")) b.append(String.format("%-8s%-8s%-10s%s%n", domain, type, i, value));
            }
        });
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** systemd's manager drop-in: the nofile limit for services, which pam_limits does not reach. */
    static byte[] systemdLimits(String nofile) {
        return (HEADER + "[Manager]\nDefaultLimitNOFILE=" + ShellQuote.line("the value of limit nofile", nofile) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    static byte[] resolv(List<String> nameservers, List<String> search) {
        StringBuilder b = new StringBuilder(HEADER);
        for (String s : nameservers) b.append("nameserver ").append(ShellQuote.line("a nameserver", s)).append('\n');
        if (!search.isEmpty()) b.append("search ").append(ShellQuote.line("the search domains", String.join(" ", search))).append('\n');
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] timezone(String zone) {
        return (ShellQuote.line("a timezone", zone) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The desired values of one kind, by name ({@code net.core.somaxconn} → {@code 4096}). */
    static Map<String, String> values(Map<Address, Resource> desired, ResourceKind kind) {
        Map<String, String> out = new TreeMap<>();
        for (Resource r : desired.values()) {
            if (r.kind() == kind) out.put(r.address().name(), String.valueOf(r.fields().get("value")));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static List<String> strings(Resource r, String field) {
        Object v = r.fields().get(field);
        return v instanceof List<?> l ? (List<String>) l : List.of();
    }
}
