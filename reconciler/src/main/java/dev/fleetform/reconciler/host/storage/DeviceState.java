package dev.fleetform.reconciler.host.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleetform.reconciler.host.probe.ProbeReport;
import dev.fleetform.reconciler.host.probe.ProbeScript;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A declared block device as the probe read it: whether it exists, the path it resolves to
 * ({@code /dev/disk/by-id/...} → {@code /dev/sdb}), and every signature {@code wipefs} finds on it
 * (filesystems, RAID members, partition tables). A device that could not be read has an
 * {@code error} and no signatures: it is never taken for blank.
 */
public record DeviceState(String path, boolean exists, String resolved, List<Signature> signatures, String error) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One signature: {@code type} as libblkid names it ({@code xfs}, {@code ext4}, {@code linux_raid_member}, {@code gpt}). */
    public record Signature(String type, String uuid, String label, String offset) {
    }

    public boolean readable() {
        return exists && error == null;
    }

    public boolean blank() {
        return readable() && signatures.isEmpty();
    }

    /** The first filesystem-like signature (the one mount and fstab name by UUID), or null. */
    public Signature first() {
        return signatures.isEmpty() ? null : signatures.getFirst();
    }

    /** What is on it, in a few words: {@code ext4}, {@code gpt + linux_raid_member}. */
    public String describe() {
        List<String> types = new ArrayList<>();
        for (Signature s : signatures) if (!types.contains(s.type())) types.add(s.type());
        return String.join(" + ", types);
    }

    public static DeviceState of(String path, ProbeReport probe) {
        ProbeReport.Section s = probe.section(ProbeScript.deviceSection(path)).orElse(null);
        if (s == null) return new DeviceState(path, false, null, List.of(), "not probed");
        if (s.exit() == ProbeScript.DEVICE_MISSING) return new DeviceState(path, false, null, List.of(), null);
        String text = s.text();
        int nl = text.indexOf('\n');
        String resolved = (nl < 0 ? text : text.substring(0, nl)).strip();
        String rest = nl < 0 ? "" : text.substring(nl + 1).strip();
        if (s.exit() != 0) {
            String why = rest.isEmpty() ? "wipefs exited " + s.exit() : firstLine(rest);
            return new DeviceState(path, true, resolved, List.of(), "cannot read the signatures of " + path + ": " + why);
        }
        try {
            return new DeviceState(path, true, resolved, signatures(rest), null);
        } catch (IOException | IllegalArgumentException e) {
            return new DeviceState(path, true, resolved, List.of(), "cannot read the signatures of " + path + ": wipefs printed no JSON ("
                    + firstLine(rest) + ")");
        }
    }

    /** {@code wipefs -J}: {@code {"signatures": [{"device", "offset", "type", "uuid", "label"}]}}; nothing printed is no signature. */
    static List<Signature> signatures(String json) throws IOException {
        if (json.isBlank()) return List.of();
        JsonNode root = JSON.readTree(json);
        if (root == null || !root.has("signatures")) throw new IllegalArgumentException("no signatures key");
        List<Signature> out = new ArrayList<>();
        for (JsonNode n : root.get("signatures")) {
            out.add(new Signature(text(n, "type"), text(n, "uuid"), text(n, "label"), text(n, "offset")));
        }
        return List.copyOf(out);
    }

    private static String text(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }
}
