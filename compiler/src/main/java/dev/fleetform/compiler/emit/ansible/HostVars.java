package dev.fleetform.compiler.emit.ansible;

import dev.fleetform.compiler.emit.MkfsOptions;
import dev.fleetform.compiler.emit.SafeText;
import dev.fleetform.compiler.index.FleetIndex;
import dev.fleetform.compiler.model.Baseline;
import dev.fleetform.compiler.model.Bastion;
import dev.fleetform.compiler.model.Defaults;
import dev.fleetform.compiler.model.Disk;
import dev.fleetform.compiler.model.Filesystem;
import dev.fleetform.compiler.model.Host;
import dev.fleetform.compiler.model.RaidArray;
import dev.fleetform.compiler.model.Ssh;
import dev.fleetform.compiler.model.Vm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The inventory variables of one host or VM: connection vars ({@code ansible_*}) and the
 * desired state the baseline playbook and the reconciler converge to ({@code fleetform_*}).
 */
final class HostVars {

    private final Map<String, Bastion> bastions;
    private final Baseline vmBaseline;
    private final Map<String, Object> common;

    /**
     * @param bastions bastions by name, to resolve {@code ssh.via}
     * @param defaults {@code defaults:}: its ssh and baseline are the vars every node shares;
     *                 its baseline is also the VMs' (the model gives VMs none of their own)
     */
    HostVars(Map<String, Bastion> bastions, Defaults defaults) {
        this.bastions = bastions;
        this.vmBaseline = defaults == null ? null : defaults.baseline();
        Map<String, Object> vars = new LinkedHashMap<>();
        if (defaults != null) {
            connection(defaults.ssh(), vars);
            baseline(defaults.baseline(), vars);
        }
        this.common = Collections.unmodifiableMap(vars);
    }

    /** Written once under {@code all.vars}: at 50,000 hosts, repeating them would multiply the file. */
    Map<String, Object> common() {
        return common;
    }

    /**
     * The node's own vars: everything that differs from {@link #common()}. Ansible lets host vars
     * replace group vars whole (maps are not merged), so a differing map is written in full.
     */
    Map<String, Object> of(FleetIndex.Node node) {
        Map<String, Object> vars = all(node);
        for (var e : common.entrySet()) {
            Object own = vars.get(e.getKey());
            if (own == null) {
                // Ansible cannot unset a group var for one host: blank it instead.
                Object blank = neutral(e.getValue());
                if (blank != null) vars.put(e.getKey(), blank);
            } else if (own.equals(e.getValue())) {
                vars.remove(e.getKey());
            }
        }
        return vars;
    }

    /** The empty value of the same shape, or null for a number (a port has no blank). */
    private static Object neutral(Object value) {
        if (value instanceof Map<?, ?>) return Map.of();
        if (value instanceof List<?>) return List.of();
        if (value instanceof String) return "";
        return null;
    }

    private Map<String, Object> all(FleetIndex.Node node) {
        Host host = node.host();
        Vm vm = node.vm();
        Map<String, Object> vars = new LinkedHashMap<>();
        if (node.address() != null) vars.put("ansible_host", node.address());
        // A VM is reached like its host: same user, key and bastion.
        connection(host.ssh(), vars);
        if (vm != null) vars.put("fleetform_host", host.name());
        if (vm == null && host.profile() != null) vars.put("fleetform_profile", host.profile());
        vars.put("fleetform_roles", node.roles());
        vars.put("fleetform_labels", node.labels());
        if (vm == null) vars.put("fleetform_services", host.services());
        baseline(vm == null ? host.baseline() : vmBaseline, vars);
        if (vm == null) {
            storage(host, vars);
            vars.put("fleetform_vms", vms(host));
        }
        return vars;
    }

    private void connection(Ssh ssh, Map<String, Object> vars) {
        if (ssh == null) return;
        vars.put("ansible_user", ssh.user());
        vars.put("ansible_port", ssh.port());
        if (ssh.identityFile() != null) vars.put("ansible_ssh_private_key_file", ssh.identityFile());
        Bastion via = ssh.via() == null ? null : bastions.get(ssh.via());
        if (via != null) vars.put("ansible_ssh_common_args", proxyJump(via, ssh.user()));
    }

    /** Ansible splits these args like a shell does, so the jump spec is one quoted word. */
    static String proxyJump(Bastion bastion, String fallbackUser) {
        String user = bastion.user() != null ? bastion.user() : fallbackUser;
        String address = bastion.address().indexOf(':') >= 0 ? "[" + bastion.address() + "]" : bastion.address();
        String jump = (user == null ? "" : user + "@") + address + ":" + bastion.port();
        return "-o " + SafeText.shellWord("ProxyJump=" + jump);
    }

    private static void baseline(Baseline b, Map<String, Object> vars) {
        if (b == null) return;
        vars.put("fleetform_sysctl", b.sysctl());
        vars.put("fleetform_limits", b.limits());
        Map<String, Object> dns = new LinkedHashMap<>();
        dns.put("nameservers", b.dns() == null ? List.of() : b.dns().nameservers());
        dns.put("search", b.dns() == null ? List.of() : b.dns().search());
        vars.put("fleetform_dns", dns);
        vars.put("fleetform_packages", b.packages());
        if (b.timezone() != null) vars.put("fleetform_timezone", b.timezone());
    }

    private static void storage(Host host, Map<String, Object> vars) {
        Map<String, String> devices = new HashMap<>();
        for (Disk d : host.hardware().disks()) devices.put(d.name(), d.device());
        Map<String, RaidArray> arrays = new HashMap<>();
        List<Object> raid = new ArrayList<>();
        for (RaidArray a : host.storage().raid()) {
            arrays.put(a.name(), a);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", a.name());
            m.put("device", mdDevice(a.name()));
            m.put("level", a.level().number());
            m.put("devices", paths(a.devices(), devices));
            m.put("spares", paths(a.spares(), devices));
            m.put("chunk_kib", a.chunkKiB());
            m.put("metadata", a.metadata());
            raid.add(m);
        }
        List<Object> filesystems = new ArrayList<>();
        for (Filesystem fs : host.storage().filesystems()) {
            RaidArray array = arrays.get(fs.on());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", fs.name());
            m.put("device", array != null ? mdDevice(array.name()) : devices.get(fs.on()));
            m.put("type", fs.type().yamlName());
            m.put("mountpoint", fs.mountpoint());
            m.put("mount_options", fs.mountOptions());
            m.put("mkfs_options", MkfsOptions.of(fs, array));
            if (fs.defrag() != null) m.put("defrag", fs.defrag().yamlName());
            filesystems.add(m);
        }
        vars.put("fleetform_raid", raid);
        vars.put("fleetform_filesystems", filesystems);
    }

    /** mdadm's stable name for an array created with {@code --create /dev/md/<name>}. */
    private static String mdDevice(String array) {
        return "/dev/md/" + array;
    }

    private static List<String> paths(List<String> diskNames, Map<String, String> devices) {
        List<String> out = new ArrayList<>(diskNames.size());
        for (String d : diskNames) out.add(devices.getOrDefault(d, d));
        return out;
    }

    private static List<Object> vms(Host host) {
        List<Object> out = new ArrayList<>(host.vms().size());
        for (Vm vm : host.vms()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", vm.name());
            m.put("vcpus", vm.vcpus());
            m.put("memory_gib", vm.memoryGiB());
            out.add(m);
        }
        return out;
    }
}
