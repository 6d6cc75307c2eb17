package dev.fleetform.compiler.emit.ansible;

import dev.fleetform.compiler.plan.HostPaths;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code host-baseline.yml}: applies the {@code fleetform_*} baseline vars of the inventory with
 * ansible-core builtins only. The files it writes are rendered from the Jinja templates shipped
 * beside it ({@link AnsibleEmitter#TEMPLATES}); the playbook itself holds no fleet value.
 */
final class BaselinePlaybook {
    static final String SYSCTL_CONF = HostPaths.SYSCTL;
    static final String LIMITS_CONF = HostPaths.LIMITS;
    static final String SYSTEMD_DROP_IN_DIR = HostPaths.SYSTEMD_DIR;
    static final String SYSTEMD_DROP_IN = HostPaths.SYSTEMD_LIMITS;

    private static final String RELOAD_SYSCTL = "Reload sysctl";
    private static final String REEXEC_SYSTEMD = "Re-execute systemd";

    private BaselinePlaybook() {
    }

    static List<Object> build() {
        Map<String, Object> play = new LinkedHashMap<>();
        play.put("name", "Fleetform host baseline");
        play.put("hosts", "all");
        play.put("become", true);
        play.put("gather_facts", false);
        play.put("tasks", List.of(
                task("Apply sysctl settings",
                        "ansible.builtin.template", template("sysctl.conf.j2", SYSCTL_CONF),
                        "fleetform_sysctl | default({}) | length > 0", RELOAD_SYSCTL),
                task("Set resource limits",
                        "ansible.builtin.template", template("limits.conf.j2", LIMITS_CONF),
                        "fleetform_limits | default({}) | length > 0", null),
                task("Create the systemd manager drop-in directory",
                        "ansible.builtin.file", map("path", SYSTEMD_DROP_IN_DIR, "state", "directory",
                                "owner", "root", "group", "root", "mode", "0755"),
                        NOFILE_SET, null),
                task("Set systemd DefaultLimitNOFILE",
                        "ansible.builtin.template", template("systemd-limits.conf.j2", SYSTEMD_DROP_IN),
                        NOFILE_SET, REEXEC_SYSTEMD),
                task("Write resolv.conf",
                        "ansible.builtin.template", template("resolv.conf.j2", "/etc/resolv.conf"),
                        "fleetform_dns.nameservers | default([]) | length > 0", null),
                task("Install packages",
                        "ansible.builtin.apt", map("name", "{{ fleetform_packages }}", "state", "present",
                                "update_cache", true, "cache_valid_time", 3600),
                        "fleetform_packages | default([]) | length > 0", null),
                task("Set the timezone",
                        "ansible.builtin.file", map("src", "/usr/share/zoneinfo/{{ fleetform_timezone }}",
                                "dest", "/etc/localtime", "state", "link", "force", true),
                        TIMEZONE_SET, null),
                task("Record the timezone for tools that read /etc/timezone",
                        "ansible.builtin.copy", map("dest", "/etc/timezone", "content", "{{ fleetform_timezone }}\n",
                                "owner", "root", "group", "root", "mode", "0644"),
                        TIMEZONE_SET, null)));
        play.put("handlers", List.of(
                map("name", RELOAD_SYSCTL, "ansible.builtin.command", "sysctl --system", "changed_when", true),
                // DefaultLimitNOFILE is read by the manager at start: a reload is not enough.
                map("name", REEXEC_SYSTEMD, "ansible.builtin.systemd", map("daemon_reexec", true))));
        return List.of(play);
    }

    private static final String TIMEZONE_SET = "fleetform_timezone | default('') | length > 0";
    private static final String NOFILE_SET = "'nofile' in fleetform_limits | default({})";

    private static Map<String, Object> template(String src, String dest) {
        return map("src", src, "dest", dest, "owner", "root", "group", "root", "mode", "0644");
    }

    private static Map<String, Object> task(String name, String module, Object args, String when, String notify) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("name", name);
        t.put(module, args);
        t.put("when", when);
        if (notify != null) t.put("notify", notify);
        return t;
    }

    /** An ordered map from alternating keys and values. */
    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }
}
