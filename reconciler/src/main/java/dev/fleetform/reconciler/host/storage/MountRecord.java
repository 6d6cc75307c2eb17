package dev.fleetform.reconciler.host.storage;

import dev.fleetform.reconciler.host.probe.HostFiles;
import dev.fleetform.reconciler.host.probe.ProbeReport;
import dev.fleetform.reconciler.host.ssh.ShellQuote;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@link HostFiles#MOUNTS}: the mounts Fleetform made on a host, filesystem name → mount point.
 * Written after each apply that mounts or unmounts; read by the probe, so a filesystem that leaves
 * git shows as a mount to delete (an fstab line and a mount nobody else claims).
 */
public final class MountRecord {
    private static final String HEADER = "# Managed by Fleetform: the mounts it made (filesystem<TAB>mountpoint). Edit fleet.yaml, not this file.\n";

    private MountRecord() {
    }

    /** The record as the probe read it; empty when there is none. */
    public static Map<String, String> read(ProbeReport probe) {
        Map<String, String> out = new TreeMap<>();
        probe.file(HostFiles.MOUNTS).ifPresent(f -> {
            for (String line : new String(f.bytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] p = line.split("\t", 2);
                if (p.length == 2 && !p[0].isEmpty() && p[1].startsWith("/")) out.put(p[0], p[1]);
            }
        });
        return out;
    }

    static byte[] bytes(Map<String, String> mounts) {
        StringBuilder b = new StringBuilder(HEADER);
        new TreeMap<>(mounts).forEach((fs, mp) -> b.append(ShellQuote.line("a filesystem name", fs)).append('\t')
                .append(ShellQuote.line("a mount point", mp)).append('\n'));
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }
}
