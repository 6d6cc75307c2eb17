package dev.fleetform.reconciler.host.monitoring;

import dev.fleetform.changes.Address;
import dev.fleetform.changes.Resource;
import dev.fleetform.compiler.emit.DataArtefact;
import dev.fleetform.compiler.emit.DataEmitter;
import dev.fleetform.compiler.emit.EmitContext;
import dev.fleetform.compiler.emit.Emitter;
import dev.fleetform.compiler.emit.Emitters;
import dev.fleetform.compiler.index.FleetIndex;
import dev.fleetform.compiler.model.Fleet;
import dev.fleetform.compiler.model.MonitoringServer;
import dev.fleetform.compiler.model.MonitoringServers;
import dev.fleetform.compiler.plan.ArtefactResources;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The compiled monitoring files and where each goes on the hosts of {@code monitoring.servers}:
 * {@code prometheus/prometheus.yml} to {@code <configDir>/prometheus.yml}, {@code prometheus/rules/*}
 * to the rule directory, {@code prometheus/file_sd/*} to the file_sd directory,
 * {@code alertmanager/alertmanager.yml} to Alertmanager's and {@code alertmanager/dingtalk.yml} to
 * the bridge's {@code config.yml}. The bytes are those {@code fleetform compile} writes.
 *
 * <p>The resources keep the plan's addresses ({@code prometheus/rule/<group>/<name>},
 * {@code alertmanager/alertmanager.yml}): they are the same for every server, so each host that
 * runs a server carries them in its own target (see {@link #carries}).
 */
public final class MonitoringFiles {
    /** Config files are root's and world-readable (Debian's servers run as user prometheus); the bridge's holds secrets. */
    public static final String OWNER = "root:root";

    /**
     * One file on a server.
     *
     * @param data     the compiled file's values (its output path, e.g. {@code prometheus/rules/fleetform-user.yml})
     * @param path     where it goes on the host
     * @param mode     octal, {@code 644} or {@code 600}
     * @param secrets  whether its placeholders are filled in with secret values at apply time
     */
    public record File(MonitoringServer server, DataArtefact data, String path, byte[] bytes, String mode, boolean secrets) {
        /** What git declares in this file, at the plan's addresses. */
        public Map<Address, Resource> resources() {
            return ArtefactResources.of(List.of(data));
        }
    }

    /** The rule files Fleetform names {@code fleetform-*.yml}: the probe lists them, so one git dropped is removed. */
    public static final String RULE_FILES = "fleetform-*.yml";

    private final MonitoringServers servers;
    private final Map<MonitoringServer.Kind, List<File>> files = new LinkedHashMap<>();

    private MonitoringFiles(MonitoringServers servers) {
        this.servers = servers;
    }

    public static MonitoringFiles of(Fleet fleet, FleetIndex index, EmitContext ctx) {
        MonitoringServers servers = fleet.monitoring().servers();
        MonitoringFiles out = new MonitoringFiles(servers);
        if (servers.all().isEmpty()) return out;
        for (Emitter e : Emitters.all()) {
            if (!e.area().equals("prometheus") && !e.area().equals("alertmanager")) continue;
            for (DataArtefact d : ((DataEmitter) e).data(fleet, index, ctx)) out.add(d);
        }
        return out;
    }

    private void add(DataArtefact d) {
        String p = d.path();
        String name = p.substring(p.lastIndexOf('/') + 1);
        MonitoringServer s;
        String path;
        boolean secrets = false;
        if (p.equals("prometheus/prometheus.yml") && (s = servers.prometheus()) != null) path = s.configPath();
        else if (p.startsWith("prometheus/rules/") && (s = servers.prometheus()) != null) path = s.rulePath() + "/" + name;
        else if (p.startsWith("prometheus/file_sd/") && (s = servers.prometheus()) != null) path = s.fileSdPath() + "/" + name;
        else if (p.equals("alertmanager/alertmanager.yml") && (s = servers.alertmanager()) != null) path = s.configPath();
        else if (p.equals("alertmanager/dingtalk.yml") && (s = servers.dingtalkBridge()) != null) {
            path = s.configPath();
            secrets = true;
        } else return;
        files.computeIfAbsent(s.kind(), k -> new ArrayList<>())
                .add(new File(s, d, path, d.artefact().bytes(), secrets ? "600" : "644", secrets));
    }

    /** The servers {@code host} runs. */
    public List<MonitoringServer> servers(String host) {
        return servers.on(host);
    }

    /** The files {@code host} gets, server by server. */
    public List<File> on(String host) {
        List<File> out = new ArrayList<>();
        for (MonitoringServer s : servers.on(host)) out.addAll(files.getOrDefault(s.kind(), List.of()));
        return out;
    }

    /** The files of one server. */
    public List<File> of(MonitoringServer.Kind kind) {
        return files.getOrDefault(kind, List.of());
    }

    /** The address prefixes {@code host} holds resources under besides {@code host/<name>}. */
    public List<String> carries(String host) {
        List<String> out = new ArrayList<>();
        for (MonitoringServer s : servers.on(host)) {
            String family = s.kind() == MonitoringServer.Kind.PROMETHEUS ? "prometheus" : "alertmanager";
            if (!out.contains(family)) out.add(family);
        }
        return out;
    }

    /** What git declares on {@code host}'s servers, at the plan's addresses. */
    public Map<Address, Resource> resources(String host) {
        Map<Address, Resource> out = new LinkedHashMap<>();
        for (File f : on(host)) out.putAll(f.resources());
        return out;
    }

    /** The globs the probe lists on {@code host}: the Prometheus rule files Fleetform may have written. */
    public List<String> globs(String host) {
        List<String> out = new ArrayList<>();
        for (MonitoringServer s : servers.on(host)) {
            if (s.kind() == MonitoringServer.Kind.PROMETHEUS) out.add(s.rulePath() + "/" + RULE_FILES);
        }
        return out;
    }

    /** The server an address of these files belongs to: {@code alertmanager/dingtalk.yml} is the bridge's. */
    public static MonitoringServer.Kind kindOf(Address address) {
        String t = address.text();
        if (t.startsWith("prometheus/")) return MonitoringServer.Kind.PROMETHEUS;
        if (t.equals("alertmanager/dingtalk.yml")) return MonitoringServer.Kind.DINGTALK_BRIDGE;
        if (t.startsWith("alertmanager/")) return MonitoringServer.Kind.ALERTMANAGER;
        return null;
    }
}
