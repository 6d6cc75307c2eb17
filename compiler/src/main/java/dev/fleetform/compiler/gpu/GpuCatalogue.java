package dev.fleetform.compiler.gpu;

import dev.fleetform.compiler.model.GpuModel;
import dev.fleetform.compiler.model.VgpuProfile;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The built-in GPU models and their time-sliced C-series vGPU profiles (NVIDIA AI Enterprise 6.x
 * tables, see VGPU-CATALOGUE.md), and how {@code gpuModels:} from fleet.yaml merges over them.
 * NVIDIA changes these tables per release, which is why users may override any entry.
 */
public final class GpuCatalogue {
    private GpuCatalogue() {
    }

    private static final Map<String, GpuModel> BUILT_IN = builtIn0();

    /** The built-in models by name ({@code A100-40GB}, ...), in table order; immutable. */
    public static Map<String, GpuModel> builtIn() {
        return BUILT_IN;
    }

    /**
     * Merges user models over built-in ones. A user model adds a new model, or adds/replaces
     * profiles of a built-in one; its {@code framebufferGiB} of 0 means "omitted" and keeps the
     * built-in framebuffer. A merged model carries the user's origin (that is where to edit it).
     */
    public static Map<String, GpuModel> merge(Map<String, GpuModel> builtIn, Map<String, GpuModel> user) {
        Map<String, GpuModel> out = new LinkedHashMap<>(builtIn);
        for (GpuModel u : user.values()) {
            GpuModel base = builtIn.get(u.name());
            if (base == null) {
                out.put(u.name(), u);
                continue;
            }
            Map<String, VgpuProfile> profiles = new LinkedHashMap<>(base.profiles());
            profiles.putAll(u.profiles());
            int framebuffer = u.framebufferGiB() > 0 ? u.framebufferGiB() : base.framebufferGiB();
            out.put(u.name(), new GpuModel(u.name(), framebuffer, Collections.unmodifiableMap(profiles), u.origin()));
        }
        return Collections.unmodifiableMap(out);
    }

    private static Map<String, GpuModel> builtIn0() {
        // The 24 GiB boards share one profile table.
        String small = "24C 1/1 · 12C 2/2 · 8C 3/2 · 6C 4/4 · 4C 6/4";
        Map<String, GpuModel> m = new LinkedHashMap<>();
        add(m, "A100-40GB", "A100", 40, "40C 1/1 · 20C 2/2 · 10C 4/4 · 8C 5/4 · 5C 8/8 · 4C 10/8");
        add(m, "A100-80GB", "A100D", 80, "80C 1/1 · 40C 2/2 · 20C 4/4 · 16C 5/4 · 10C 8/8 · 8C 10/8 · 4C 20/16");
        add(m, "A30", "A30", 24, small);
        add(m, "A10", "A10", 24, small);
        add(m, "L4", "L4", 24, small);
        add(m, "L40S", "L40S", 48, "48C 1/1 · 24C 2/2 · 16C 3/2 · 12C 4/4 · 8C 6/4 · 6C 8/8 · 4C 12/8");
        add(m, "H100-80GB", "H100", 80,
                "80C 1/1 · 40C 2/2 · 20C 4/4 · 16C 5/4 · 10C 8/8 · 8C 10/8 · 5C 16/16 · 4C 20/16");
        return Collections.unmodifiableMap(m);
    }

    /** {@code table} is written as in the catalogue doc: {@code <fb>C <maxEqual>/<maxMixed>} entries. */
    private static void add(Map<String, GpuModel> m, String model, String board, int framebufferGiB, String table) {
        Map<String, VgpuProfile> profiles = new LinkedHashMap<>();
        for (String entry : table.split(" · ")) {
            String[] parts = entry.split("[ /]");
            String size = parts[0];
            String name = board + "-" + size;
            int fb = Integer.parseInt(size.substring(0, size.length() - 1));
            profiles.put(name, new VgpuProfile(name, fb, Integer.parseInt(parts[1]), Integer.parseInt(parts[2])));
        }
        m.put(model, new GpuModel(model, framebufferGiB, Collections.unmodifiableMap(profiles), null));
    }
}
