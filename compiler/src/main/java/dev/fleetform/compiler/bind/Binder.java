package dev.fleetform.compiler.bind;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fleetform.compiler.diag.Diagnostics;
import dev.fleetform.compiler.diag.DidYouMean;
import dev.fleetform.compiler.diag.Origin;
import dev.fleetform.compiler.gpu.GpuCatalogue;
import dev.fleetform.compiler.load.SourceMap;
import dev.fleetform.compiler.model.Defaults;
import dev.fleetform.compiler.model.Fleet;
import dev.fleetform.compiler.model.GpuModel;
import dev.fleetform.compiler.model.Host;
import dev.fleetform.compiler.model.Metadata;
import dev.fleetform.compiler.model.Profile;
import dev.fleetform.compiler.model.VgpuProfile;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a schema-valid document into the model. Defaults and profiles are merged here, once:
 * a host's keys over its profile's over {@code defaults} (which contributes {@code ssh} and
 * {@code baseline}). Types and keys are the schema's job; the only error found here is a host
 * naming a profile that does not exist ({@code REF-PROFILE}).
 */
public final class Binder {
    private Binder() {
    }

    public static Fleet bind(JsonNode doc, SourceMap sources, Diagnostics out) {
        Layered root = Layered.of(doc, Origin.ROOT);
        Layered defaults = root.get("defaults");
        Map<String, Layered> profileViews = root.get("profiles").entries();
        Map<String, Profile> profiles = new LinkedHashMap<>();
        profileViews.forEach((name, view) -> profiles.put(name, new Profile(name, HostBinder.storage(view.get("storage")),
                HostBinder.baseline(view.get("baseline"), view.origin()), view.origin())));

        HostBinder hostBinder = new HostBinder(defaults);
        List<Layered> hostViews = root.items("hosts");
        List<Host> hosts = new ArrayList<>(hostViews.size());
        for (Layered host : hostViews) {
            String profileName = host.text("profile");
            Layered profile = Layered.ABSENT;
            if (profileName != null) {
                profile = profileViews.getOrDefault(profileName, Layered.ABSENT);
                if (profile.isAbsent()) {
                    unknownProfile(host, profileName, profiles, sources, out);
                    profileName = null;
                }
            }
            hosts.add(hostBinder.host(host, profileName, profile));
        }

        return new Fleet(
                metadata(root.get("metadata")),
                new Defaults(HostBinder.ssh(defaults.get("ssh"), Origin.ROOT.child("defaults")),
                        HostBinder.baseline(defaults.get("baseline"), Origin.ROOT.child("defaults")),
                        defaults.isAbsent() ? Origin.ROOT.child("defaults") : defaults.origin()),
                Collections.unmodifiableMap(profiles),
                GpuCatalogue.merge(GpuCatalogue.builtIn(), gpuModels(root.get("gpuModels"))),
                AccessBinder.access(root.get("access")),
                Collections.unmodifiableList(hosts),
                KubernetesBinder.clusters(root.get("kubernetes")),
                MinerBinder.miners(root.get("workloads")),
                MonitoringBinder.monitoring(root.get("monitoring")));
    }

    private static void unknownProfile(Layered host, String name, Map<String, Profile> profiles,
                                       SourceMap sources, Diagnostics out) {
        String hint = DidYouMean.hint(name, profiles.keySet(),
                profiles.isEmpty() ? "define it under 'profiles:' or remove 'profile:'"
                        : "known profiles: " + String.join(", ", profiles.keySet()));
        out.error("REF-PROFILE", sources.locateValue(host.origin().child("profile")),
                "host '" + host.text("name") + "' uses profile '" + name + "', which is not defined under 'profiles:'",
                hint);
    }

    private static Metadata metadata(Layered m) {
        return new Metadata(m.text("name"), m.strings("owners"));
    }

    /** {@code gpuModels:} as written; merged over the built-in catalogue by the caller. */
    private static Map<String, GpuModel> gpuModels(Layered section) {
        Map<String, GpuModel> out = new LinkedHashMap<>();
        section.entries().forEach((name, model) -> {
            Map<String, VgpuProfile> profiles = new LinkedHashMap<>();
            model.get("profiles").entries().forEach((profileName, p) -> profiles.put(profileName,
                    new VgpuProfile(profileName, p.integer("framebufferGiB", framebufferOf(profileName)),
                            p.integer("maxEqual", 0), p.integer("maxMixed", 0))));
            out.put(name, new GpuModel(name, model.integer("framebufferGiB", 0),
                    Collections.unmodifiableMap(profiles), model.origin()));
        });
        return out;
    }

    /** The number before the series letter ({@code A100-10C} -> 10), or 0 when the name has none. */
    static int framebufferOf(String profileName) {
        int end = profileName.length() - 1;
        int start = end;
        while (start > 0 && Character.isDigit(profileName.charAt(start - 1))) start--;
        if (start == end || end - start > 6) return 0;
        return Integer.parseInt(profileName, start, end, 10);
    }
}
