package dev.fleetform.reconciler.host.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A host as one run of {@link ProbeScript} read it: parsed from the document the script prints
 * ({@link #parse}), with each section's exit status and exact output. Lines that are not the
 * probe's (a chatty shell profile) are ignored; a document without its end line was cut short
 * and is refused.
 */
public final class ProbeReport {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One section: what one command printed (stdout and stderr) and its exit status. */
    public record Section(String name, int exit, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** A sysctl as read: its value whitespace-normalised (multi-number values read back tab-separated), or why it could not be read. */
    public record Sysctl(String key, String value, String error) {
        public boolean readable() {
            return error == null;
        }
    }

    /** A file's bytes and {@code owner:group mode} ({@code root:root 644}). */
    public record FileState(byte[] bytes, String ownerMode) {
    }

    /** A block device from {@code lsblk -J -b}, children flattened after their parent. */
    public record BlockDevice(String name, String parent, long sizeBytes, String type, List<String> mountpoints) {
    }

    /** A mount from {@code findmnt -J}, nested ones flattened. */
    public record Mount(String target, String source, String fstype, String options) {
    }

    /** /proc/mdstat, or why there is none. */
    public record Mdstat(boolean supported, String text) {
        public static final String UNSUPPORTED = "md not supported by this kernel (no /proc/mdstat)";
    }

    private final Map<String, Section> sections;

    private ProbeReport(Map<String, Section> sections) {
        this.sections = sections;
    }

    /** The document a probe with {@code marker} printed (bytes as they came). */
    public static ProbeReport parse(byte[] document, String marker) {
        // ISO-8859-1 maps each byte to one char and back: file bodies stay byte-exact
        String doc = new String(document, StandardCharsets.ISO_8859_1);
        String begin = marker + " begin ";
        String end = "\n" + marker + " end ";
        Map<String, Section> out = new LinkedHashMap<>();
        boolean done = false;
        int at = 0;
        while (at < doc.length()) {
            int nl = doc.indexOf('\n', at);
            if (nl < 0) nl = doc.length();
            String line = doc.substring(at, nl);
            if (line.equals(marker + " done")) {
                done = true;
                break;
            }
            if (!line.startsWith(begin) || nl == doc.length()) {
                at = nl + 1; // not the probe's: a chatty shell profile
                continue;
            }
            String name = line.substring(begin.length());
            int bodyEnd = doc.indexOf(end, nl);
            if (bodyEnd < 0) throw new IllegalArgumentException("the probe's output was cut short (in section " + name + ")");
            int rcEnd = doc.indexOf('\n', bodyEnd + end.length());
            if (rcEnd < 0) throw new IllegalArgumentException("the probe's output was cut short (after section " + name + ")");
            int exit;
            try {
                exit = Integer.parseInt(doc.substring(bodyEnd + end.length(), rcEnd).strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a probe section end (exit status) after " + name);
            }
            out.putIfAbsent(name, new Section(name, exit, doc.substring(nl + 1, bodyEnd).getBytes(StandardCharsets.ISO_8859_1)));
            at = rcEnd + 1;
        }
        if (!done) throw new IllegalArgumentException("the probe's output was cut short (no end line)");
        return new ProbeReport(out);
    }

    public Optional<Section> section(String name) {
        return Optional.ofNullable(sections.get(name));
    }

    /** The key as grep read its /proc/sys file ({@code PATH:VALUE}), or why it could not ({@code grep: PATH: REASON}), as sysctl(8) words it. */
    public Sysctl sysctl(String key) {
        Section s = sections.get("sysctl");
        String path = ProbeScript.sysctlPath(key);
        if (s != null) {
            for (String line : s.text().split("\n")) {
                if (line.startsWith(path + ":")) return new Sysctl(key, normalise(line.substring(path.length() + 1)), null);
                if (line.startsWith("grep: " + path + ": ")) {
                    String reason = line.substring(("grep: " + path + ": ").length());
                    return new Sysctl(key, null, reason.equals("No such file or directory")
                            ? "sysctl: cannot stat " + path + ": " + reason : "sysctl: cannot read " + path + ": " + reason);
                }
            }
        }
        // a /proc/sys file always has a line, even for an empty value: no line is a key not asked
        return new Sysctl(key, null, "not probed");
    }

    /** Runs of blanks (the kernel's tabs) as one space. */
    public static String normalise(String value) {
        return value.strip().replaceAll("\\s+", " ");
    }

    /** The file's bytes and owner/mode, or empty when it does not exist (or cannot be read). */
    public Optional<FileState> file(String path) {
        Section s = sections.get("file:" + path);
        if (s == null || s.exit() != 0) return Optional.empty();
        return Optional.of(new FileState(s.body(), ownerModes().get(path)));
    }

    /** Path to {@code owner:group mode}, from the stats of the managed files ({@code stat}, {@code stat:...}; a missing file has no line). */
    private Map<String, String> ownerModes() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Section s : sections.values()) {
            if (!s.name().equals("stat") && !s.name().startsWith("stat:")) continue;
            for (String line : s.text().split("\n")) {
                String[] p = line.split(" ");
                if (p.length == 3 && p[0].startsWith("/")) out.putIfAbsent(p[0], p[1] + " " + p[2]);
            }
        }
        return out;
    }

    /** The files a glob of the probe matched (see {@link ProbeScript#of(List, List, List, List)}). */
    public List<String> glob(String glob) {
        Section s = sections.get("glob:" + glob);
        if (s == null) return List.of();
        List<String> out = new ArrayList<>();
        for (String line : s.text().split("\n")) if (line.startsWith("/")) out.add(line);
        return out;
    }

    /** The zone /etc/localtime links to, else the one /etc/timezone names, else null; both, when they disagree. */
    public String timezone() {
        Section link = sections.get("link:" + HostFiles.LOCALTIME);
        String linked = null;
        if (link != null && link.exit() == 0) {
            String t = link.text().strip();
            int i = t.indexOf("zoneinfo/");
            linked = i >= 0 ? t.substring(i + "zoneinfo/".length()) : t;
        }
        String named = file(HostFiles.TIMEZONE).map(f -> new String(f.bytes(), StandardCharsets.UTF_8).strip()).orElse(null);
        if (linked == null) return named;
        if (named == null || zone(named).equals(zone(linked))) return zone(linked);
        return zone(linked) + " (but /etc/timezone says " + named + ")";
    }

    /** Whether two zone names are the same zone (UTC has several names). */
    public static boolean sameZone(String a, String b) {
        return a != null && b != null && zone(a).equals(zone(b));
    }

    /** UTC by any of its names, as the fleet writes it. */
    private static String zone(String z) {
        return switch (z) {
            case "Etc/UTC", "UTC", "Etc/Universal", "Universal", "Etc/Zulu", "Zulu" -> "UTC";
            default -> z;
        };
    }

    public boolean systemd() {
        Section s = sections.get("systemd");
        return s != null && s.exit() == 0;
    }

    /** Package name to whether dpkg has it installed ({@code ii}); names dpkg does not know are absent. */
    public Map<String, Boolean> packages() {
        Map<String, Boolean> out = new LinkedHashMap<>();
        Section s = sections.get("dpkg");
        if (s == null) return out;
        for (String line : s.text().split("\n")) {
            String[] p = line.split("\t", 2);
            if (p.length == 2 && !p[0].startsWith("dpkg-query:")) out.put(p[0], p[1].strip().startsWith("ii"));
        }
        return out;
    }

    public List<BlockDevice> blockDevices() {
        JsonNode root = json("lsblk");
        List<BlockDevice> out = new ArrayList<>();
        for (JsonNode d : root.path("blockdevices")) device(d, null, out);
        return out;
    }

    private static void device(JsonNode d, String parent, List<BlockDevice> out) {
        List<String> mps = new ArrayList<>();
        for (JsonNode m : d.path("mountpoints")) if (!m.isNull()) mps.add(m.asText());
        if (d.has("mountpoint") && !d.get("mountpoint").isNull()) mps.add(d.get("mountpoint").asText());
        String name = d.path("name").asText();
        out.add(new BlockDevice(name, parent, d.path("size").asLong(), d.path("type").asText(), List.copyOf(mps)));
        for (JsonNode c : d.path("children")) device(c, name, out);
    }

    public List<Mount> mounts() {
        JsonNode root = json("findmnt");
        List<Mount> out = new ArrayList<>();
        for (JsonNode m : root.path("filesystems")) mount(m, out);
        return out;
    }

    private static void mount(JsonNode m, List<Mount> out) {
        out.add(new Mount(m.path("target").asText(), m.path("source").asText(), m.path("fstype").asText(), m.path("options").asText()));
        for (JsonNode c : m.path("children")) mount(c, out);
    }

    public String fstab() {
        return file("/etc/fstab").map(f -> new String(f.bytes(), StandardCharsets.UTF_8)).orElse("");
    }

    public Mdstat mdstat() {
        Section s = sections.get("mdstat");
        if (s == null || s.exit() != 0) return new Mdstat(false, Mdstat.UNSUPPORTED);
        return new Mdstat(true, s.text());
    }

    /** libvirt as the probe saw it: the domains defined, those autostarted, or why virsh failed (then {@code error} is set). */
    public record Libvirt(java.util.Set<String> domains, java.util.Set<String> autostart, String error) {
    }

    public Libvirt libvirt() {
        Section all = sections.get("virsh:list"), auto = sections.get("virsh:autostart");
        if (all == null) return new Libvirt(java.util.Set.of(), java.util.Set.of(), "not probed");
        if (all.exit() != 0) return new Libvirt(java.util.Set.of(), java.util.Set.of(), firstLine(all.text()));
        return new Libvirt(names(all), auto == null || auto.exit() != 0 ? java.util.Set.of() : names(auto), null);
    }

    private static java.util.Set<String> names(Section s) {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        for (String l : s.text().split("\n")) if (!l.isBlank()) out.add(l.strip());
        return out;
    }

    /** {@code virsh domstate} of a VM ({@code running}, {@code shut off}, {@code paused}, …), or null when it failed. */
    public String vmState(String vm) {
        Section s = sections.get("vm-state:" + vm);
        return s == null || s.exit() != 0 ? null : s.text().strip();
    }

    /** {@code virsh dumpxml --inactive} of a VM, or null when it failed. */
    public String vmXml(String vm) {
        Section s = sections.get("vm-xml:" + vm);
        return s == null || s.exit() != 0 ? null : s.text();
    }

    /** A VM disk volume as {@code qemu-img info} read it: its virtual size in bytes when it exists, or why it could not be read. */
    public record Volume(boolean exists, long virtualBytes, String error) {
    }

    /** The volume at {@code path}, or null when the probe did not read it. */
    public Volume volume(String path) {
        Section s = sections.get(ProbeScript.volumeSection(path));
        if (s == null) return null;
        if (s.exit() == ProbeScript.DEVICE_MISSING) return new Volume(false, -1, null);
        if (s.exit() != 0) return new Volume(true, -1, firstLine(s.text()));
        try {
            JsonNode n = JSON.readTree(s.body()).path("virtual-size");
            return n.canConvertToLong() ? new Volume(true, n.asLong(), null) : new Volume(true, -1, "qemu-img info printed no virtual-size");
        } catch (IOException e) {
            return new Volume(true, -1, "qemu-img info printed no JSON: " + e.getMessage());
        }
    }

    /** The mdev devices of {@code /sys/bus/mdev/devices}, or none when the probe did not read them. */
    public List<dev.fleetform.reconciler.host.vm.Mdev> mdevs() {
        Section s = sections.get("mdev");
        return s == null ? List.of() : dev.fleetform.reconciler.host.vm.Mdev.parse(s.text());
    }

    private JsonNode json(String name) {
        Section s = sections.get(name);
        if (s == null || s.exit() != 0) {
            throw new IllegalArgumentException(name + " failed on the host: " + (s == null ? "not probed" : firstLine(s.text())));
        }
        try {
            return JSON.readTree(s.body());
        } catch (IOException e) {
            throw new IllegalArgumentException(name + " printed no JSON: " + e.getMessage());
        }
    }

    private static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }
}
