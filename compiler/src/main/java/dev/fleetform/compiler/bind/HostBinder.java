package dev.fleetform.compiler.bind;

import dev.fleetform.compiler.diag.Origin;
import dev.fleetform.compiler.model.Baseline;
import dev.fleetform.compiler.model.Defrag;
import dev.fleetform.compiler.model.Disk;
import dev.fleetform.compiler.model.Dns;
import dev.fleetform.compiler.model.Filesystem;
import dev.fleetform.compiler.model.FsType;
import dev.fleetform.compiler.model.Gpu;
import dev.fleetform.compiler.model.Hardware;
import dev.fleetform.compiler.model.Host;
import dev.fleetform.compiler.model.Media;
import dev.fleetform.compiler.model.Provenance;
import dev.fleetform.compiler.model.RaidArray;
import dev.fleetform.compiler.model.RaidLevel;
import dev.fleetform.compiler.model.Ssh;
import dev.fleetform.compiler.model.Storage;
import dev.fleetform.compiler.model.VgpuMode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Binds one host: its own keys over its profile's over the fleet's {@code defaults}. */
final class HostBinder {
    static final String DEFAULT_SSH_USER = "root";
    static final int DEFAULT_SSH_PORT = 22;
    static final double DEFAULT_CPU_OVERCOMMIT = 1.0;
    static final int DEFAULT_RESERVED_MEMORY_GIB = 8;

    private final Layered defaults;
    /** By profile name (null: no profile). */
    private final Map<String, Inherited> inherited = new HashMap<>();

    HostBinder(Layered defaults) {
        // Only ssh and baseline of defaults reach hosts.
        this.defaults = defaults;
    }

    Host host(Layered own, String profileName, Layered profile) {
        Layered h = own.over(profile);
        Origin origin = own.origin();
        Inherited from = inherited.computeIfAbsent(profileName, k -> new Inherited(profile));
        Map<String, String> labels = h.stringMap("labels");
        return new Host(
                own.text("name"),
                profileName,
                own.text("address"),
                own.text("hostKey"),
                labels,
                h.strings("roles"),
                h.strings("services"),
                own.has("hardware") || from.hardware == null
                        ? hardware(h.get("hardware"), origin) : from.hardware,
                own.has("storage") || from.storage == null ? storage(h.get("storage")) : from.storage,
                own.has("baseline") || from.baseline == null
                        ? baseline(h.get("baseline").over(defaults.get("baseline")), origin)
                        : from.baseline,
                own.has("ssh") || from.ssh == null
                        ? ssh(h.get("ssh").over(defaults.get("ssh")), origin) : from.ssh,
                h.get("overcommit").number("cpu", DEFAULT_CPU_OVERCOMMIT),
                h.integer("reservedMemoryGiB", DEFAULT_RESERVED_MEMORY_GIB),
                VmBinder.vms(own, labels),
                own.has("storage") || own.has("baseline")
                        ? provenance(h.get("storage"), h.get("baseline").over(defaults.get("baseline"))) : from.provenance,
                origin);
    }

    /**
     * What a host that does not set a key gets from its profile and the defaults, bound once per
     * profile and shared (records are immutable): thousands of hosts usually share a few
     * profiles. Null when nobody wrote the key, as the host's own absent value is located at
     * the host.
     */
    private final class Inherited {
        final Hardware hardware;
        final Storage storage;
        final Baseline baseline;
        final Ssh ssh;
        final Provenance provenance;

        Inherited(Layered profile) {
            Layered hw = profile.get("hardware");
            hardware = hw.isAbsent() ? null : hardware(hw, null);
            Layered st = profile.get("storage");
            storage = st.isAbsent() ? null : storage(st);
            Layered b = profile.get("baseline").over(defaults.get("baseline"));
            baseline = b.isAbsent() ? null : baseline(b, null);
            Layered sh = profile.get("ssh").over(defaults.get("ssh"));
            ssh = sh.isAbsent() ? null : ssh(sh, null);
            provenance = provenance(st, b);
        }
    }

    /** Which layer each storage list and baseline value came from, told by where the value is in the document. */
    static Provenance provenance(Layered storage, Layered baseline) {
        Layered dns = baseline.get("dns");
        return new Provenance(layer(storage.get("raid")), layer(storage.get("filesystems")),
                layers(baseline.get("sysctl")), layers(baseline.get("limits")),
                layer(dns.has("nameservers") ? dns.get("nameservers") : dns.get("search")),
                layer(baseline.get("packages")), layer(baseline.get("timezone")));
    }

    private static Map<String, Provenance.Layer> layers(Layered map) {
        List<String> keys = map.keys();
        if (keys.isEmpty()) return Map.of();
        Map<String, Provenance.Layer> out = HashMap.newHashMap(keys.size());
        for (String k : keys) out.put(k, layer(map.get(k)));
        return Collections.unmodifiableMap(out);
    }

    private static Provenance.Layer layer(Layered value) {
        if (value.isAbsent()) return Provenance.Layer.HOST;
        String p = value.origin().pointer();
        if (p.startsWith("/profiles/")) return Provenance.Layer.PROFILE;
        if (p.equals("/defaults") || p.startsWith("/defaults/")) return Provenance.Layer.DEFAULTS;
        return Provenance.Layer.HOST;
    }

    /**
     * {@code owner} is the element the key belongs to (a host, {@code defaults}): a value nobody
     * wrote is located where it would be written, for rules that still report on it.
     */
    static Ssh ssh(Layered s, Origin owner) {
        return new Ssh(
                s.text("user", DEFAULT_SSH_USER),
                s.integer("port", DEFAULT_SSH_PORT),
                s.text("identityFile"),
                s.text("via"),
                s.text("knownHosts"),
                s.isAbsent() ? owner.child("ssh") : s.origin());
    }

    static Baseline baseline(Layered b, Origin owner) {
        if (b.isAbsent()) return Baseline.empty(owner.child("baseline"));
        Layered dns = b.get("dns");
        return new Baseline(
                b.stringMap("sysctl"),
                b.stringMap("limits"),
                new Dns(dns.strings("nameservers"), dns.strings("search")),
                b.strings("packages"),
                b.text("timezone"),
                b.origin());
    }

    private static Hardware hardware(Layered hw, Origin owner) {
        List<Disk> disks = new ArrayList<>();
        for (Layered d : hw.items("disks")) {
            disks.add(new Disk(d.text("name"), d.text("device"), d.longInteger("sizeGiB", 0),
                    enumOf(Media.class, d.text("media")), d.origin()));
        }
        List<Gpu> gpus = new ArrayList<>();
        for (Layered g : hw.items("gpus")) {
            String mode = g.text("vgpuMode");
            gpus.add(new Gpu(g.text("name"), g.text("model"), g.text("pci"),
                    mode == null ? VgpuMode.EQUAL_SIZE : VgpuMode.of(mode), g.origin()));
        }
        return new Hardware(hw.get("cpu").integer("cores", 0), hw.integer("memoryGiB", 0),
                immutable(disks), immutable(gpus), hw.isAbsent() ? owner.child("hardware") : hw.origin());
    }

    static Storage storage(Layered s) {
        if (s.isAbsent()) return Storage.EMPTY;
        List<RaidArray> raid = new ArrayList<>();
        for (Layered r : s.items("raid")) {
            raid.add(new RaidArray(r.text("name"), RaidLevel.of(r.integer("level", -1)), r.strings("devices"),
                    r.strings("spares"), r.integer("chunkKiB", RaidArray.DEFAULT_CHUNK_KIB),
                    r.text("metadata", RaidArray.DEFAULT_METADATA), r.origin()));
        }
        List<Filesystem> filesystems = new ArrayList<>();
        for (Layered f : s.items("filesystems")) {
            String defrag = f.text("defrag");
            filesystems.add(new Filesystem(f.text("name"), f.text("on"), enumOf(FsType.class, f.text("type")),
                    f.text("mountpoint"), f.strings("mkfsOptions"), f.strings("mountOptions"),
                    defrag == null ? Defrag.NEVER : enumOf(Defrag.class, defrag), f.origin()));
        }
        return new Storage(immutable(raid), immutable(filesystems));
    }

    /** Enums whose YAML name is the constant's name in lower case ({@code nvme}, {@code xfs}). */
    static <E extends Enum<E>> E enumOf(Class<E> type, String yamlName) {
        return yamlName == null ? null : Enum.valueOf(type, yamlName.toUpperCase(Locale.ROOT));
    }

    static <T> List<T> immutable(List<T> list) {
        return list.isEmpty() ? List.of() : Collections.unmodifiableList(list);
    }
}
