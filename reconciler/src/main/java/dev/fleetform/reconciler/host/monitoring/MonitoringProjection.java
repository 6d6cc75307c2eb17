package dev.fleetform.reconciler.host.monitoring;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.fleetform.changes.Address;
import dev.fleetform.changes.Resource;
import dev.fleetform.compiler.emit.DataArtefact;
import dev.fleetform.compiler.model.MonitoringServer;
import dev.fleetform.compiler.plan.ArtefactResources;
import dev.fleetform.reconciler.host.probe.ProbeReport;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The monitoring config a host runs, read by the probe, in the plan's address space: each deployed
 * file is parsed as the planner reads the compiled one, so a rule edited by hand shows as that
 * rule's change ({@code prometheus/rule/fleetform-user/MinerReplicasLow}), a rule added by hand to
 * a Fleetform file or a rule file git dropped as a delete. A missing file has no resources (each
 * shows as a create). A file that does not parse shows each of its resources as unreadable.
 *
 * <p>The bridge's file holds secrets, so it is never parsed or shown: it is compared byte for byte
 * with the file filled in with the current secrets, and when it differs its resource says only that.
 */
public final class MonitoringProjection {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The field a file's resources get when the live file cannot be compared field by field. */
    public static final String FILE_FIELD = "file";

    private MonitoringProjection() {
    }

    /** What one host runs, for {@code LiveProjection}; {@link #NONE} for a host that runs no monitoring server. */
    public record OnHost(MonitoringFiles files, String host, BridgeSecrets secrets) {
        public static final OnHost NONE = new OnHost(null, null, null);

        public List<Resource> project(ProbeReport probe) {
            return files == null ? List.of() : of(files, host, probe, secrets);
        }
    }

    /** The live resources of {@code host}'s monitoring files. */
    public static List<Resource> of(MonitoringFiles files, String host, ProbeReport probe, BridgeSecrets secrets) {
        Map<Address, Resource> out = new LinkedHashMap<>();
        Set<String> deployed = new HashSet<>();
        for (MonitoringFiles.File f : files.on(host)) {
            deployed.add(f.path());
            Optional<ProbeReport.FileState> live = probe.file(f.path());
            if (live.isEmpty()) continue;
            if (f.secrets()) secretFile(f, live.get().bytes(), secrets, out);
            else parsed(f.data(), live.get().bytes(), f.resources(), out);
        }
        for (MonitoringServer s : files.servers(host)) {
            if (s.kind() != MonitoringServer.Kind.PROMETHEUS) continue;
            for (String path : probe.glob(s.rulePath() + "/" + MonitoringFiles.RULE_FILES)) {
                if (deployed.contains(path)) continue;
                // a rule file Fleetform wrote that git no longer compiles: its rules are deletes
                byte[] bytes = probe.file(path).map(ProbeReport.FileState::bytes).orElse(null);
                if (bytes == null) continue;
                parsed(DataArtefact.yaml("prometheus/rules/" + path.substring(path.lastIndexOf('/') + 1), Map.of()), bytes, Map.of(), out);
            }
        }
        return new ArrayList<>(out.values());
    }

    private static void parsed(DataArtefact compiled, byte[] live, Map<Address, Resource> wanted, Map<Address, Resource> out) {
        Object value;
        try {
            value = (compiled.syntax() == DataArtefact.Syntax.JSON ? JSON : YAML).readValue(live, Object.class);
        } catch (IOException e) {
            String why = "does not parse: " + firstLine(e.getMessage());
            for (Resource r : wanted.values()) out.putIfAbsent(r.address(), new Resource(r.address(), r.kind(), Map.of(FILE_FIELD, why)));
            return;
        }
        try {
            DataArtefact read = new DataArtefact(compiled.path(), compiled.syntax(), "", List.of(value == null ? Map.of() : value));
            for (Resource r : ArtefactResources.of(List.of(read)).values()) out.putIfAbsent(r.address(), r);
        } catch (RuntimeException e) {
            // parses, but not in the shape Fleetform writes (a list where a map goes)
            for (Resource r : wanted.values()) out.putIfAbsent(r.address(), new Resource(r.address(), r.kind(),
                    Map.of(FILE_FIELD, "is not in the shape Fleetform writes")));
        }
    }

    private static void secretFile(MonitoringFiles.File f, byte[] live, BridgeSecrets secrets, Map<Address, Resource> out) {
        String differs;
        try {
            differs = Arrays.equals(secrets.fill(f.data()), live) ? null : "differs from git and its secrets (not shown: it holds secrets)";
        } catch (BridgeSecrets.Unresolved e) {
            differs = "cannot be compared: " + e.getMessage();
        }
        for (Resource r : f.resources().values()) {
            out.putIfAbsent(r.address(), differs == null ? r : new Resource(r.address(), r.kind(), Map.of(FILE_FIELD, differs)));
        }
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
