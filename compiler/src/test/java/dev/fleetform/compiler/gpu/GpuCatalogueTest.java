package dev.fleetform.compiler.gpu;

import dev.fleetform.compiler.diag.Origin;
import dev.fleetform.compiler.model.GpuModel;
import dev.fleetform.compiler.model.VgpuProfile;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class GpuCatalogueTest {

    /** VGPU-CATALOGUE.md, typed out row by row: model, GPU framebuffer, profile, fb, maxEqual, maxMixed. */
    private static final Object[][] DOC = {
            {"A100-40GB", 40, "A100-40C", 40, 1, 1},
            {"A100-40GB", 40, "A100-20C", 20, 2, 2},
            {"A100-40GB", 40, "A100-10C", 10, 4, 4},
            {"A100-40GB", 40, "A100-8C", 8, 5, 4},
            {"A100-40GB", 40, "A100-5C", 5, 8, 8},
            {"A100-40GB", 40, "A100-4C", 4, 10, 8},
            {"A100-80GB", 80, "A100D-80C", 80, 1, 1},
            {"A100-80GB", 80, "A100D-40C", 40, 2, 2},
            {"A100-80GB", 80, "A100D-20C", 20, 4, 4},
            {"A100-80GB", 80, "A100D-16C", 16, 5, 4},
            {"A100-80GB", 80, "A100D-10C", 10, 8, 8},
            {"A100-80GB", 80, "A100D-8C", 8, 10, 8},
            {"A100-80GB", 80, "A100D-4C", 4, 20, 16},
            {"A30", 24, "A30-24C", 24, 1, 1},
            {"A30", 24, "A30-12C", 12, 2, 2},
            {"A30", 24, "A30-8C", 8, 3, 2},
            {"A30", 24, "A30-6C", 6, 4, 4},
            {"A30", 24, "A30-4C", 4, 6, 4},
            {"A10", 24, "A10-24C", 24, 1, 1},
            {"A10", 24, "A10-12C", 12, 2, 2},
            {"A10", 24, "A10-8C", 8, 3, 2},
            {"A10", 24, "A10-6C", 6, 4, 4},
            {"A10", 24, "A10-4C", 4, 6, 4},
            {"L4", 24, "L4-24C", 24, 1, 1},
            {"L4", 24, "L4-12C", 12, 2, 2},
            {"L4", 24, "L4-8C", 8, 3, 2},
            {"L4", 24, "L4-6C", 6, 4, 4},
            {"L4", 24, "L4-4C", 4, 6, 4},
            {"L40S", 48, "L40S-48C", 48, 1, 1},
            {"L40S", 48, "L40S-24C", 24, 2, 2},
            {"L40S", 48, "L40S-16C", 16, 3, 2},
            {"L40S", 48, "L40S-12C", 12, 4, 4},
            {"L40S", 48, "L40S-8C", 8, 6, 4},
            {"L40S", 48, "L40S-6C", 6, 8, 8},
            {"L40S", 48, "L40S-4C", 4, 12, 8},
            {"H100-80GB", 80, "H100-80C", 80, 1, 1},
            {"H100-80GB", 80, "H100-40C", 40, 2, 2},
            {"H100-80GB", 80, "H100-20C", 20, 4, 4},
            {"H100-80GB", 80, "H100-16C", 16, 5, 4},
            {"H100-80GB", 80, "H100-10C", 10, 8, 8},
            {"H100-80GB", 80, "H100-8C", 8, 10, 8},
            {"H100-80GB", 80, "H100-5C", 5, 16, 16},
            {"H100-80GB", 80, "H100-4C", 4, 20, 16},
    };

    @Test
    void everyRowOfTheDocIsBuiltInWithItsNumbers() {
        Map<String, GpuModel> catalogue = GpuCatalogue.builtIn();
        for (Object[] row : DOC) {
            GpuModel model = catalogue.get((String) row[0]);
            String where = row[0] + " " + row[2];
            assertEquals(row[1], model.framebufferGiB(), where + " GPU framebuffer");
            VgpuProfile p = model.profiles().get((String) row[2]);
            assertEquals(new VgpuProfile((String) row[2], (int) row[3], (int) row[4], (int) row[5]), p, where);
            assertNull(model.origin(), "built-in models have no origin in fleet.yaml");
        }
    }

    @Test
    void holdsNothingBeyondTheDoc() {
        Map<String, List<String>> expected = new LinkedHashMap<>();
        for (Object[] row : DOC) expected.computeIfAbsent((String) row[0], k -> new ArrayList<>()).add((String) row[2]);
        Map<String, List<String>> actual = new LinkedHashMap<>();
        GpuCatalogue.builtIn().forEach((name, m) -> actual.put(name, new ArrayList<>(m.profiles().keySet())));
        assertEquals(expected, actual);
    }

    @Test
    void userProfilesAddToAndReplaceThoseOfABuiltInModel() {
        Origin at = new Origin("/gpuModels/A100-40GB");
        var user = Map.of("A100-40GB", new GpuModel("A100-40GB", 0, Map.of(
                "A100-4C", new VgpuProfile("A100-4C", 4, 9, 7),
                "A100-2-10C", new VgpuProfile("A100-2-10C", 10, 3, 3)), at));

        GpuModel merged = GpuCatalogue.merge(GpuCatalogue.builtIn(), user).get("A100-40GB");

        assertEquals(40, merged.framebufferGiB(), "an omitted framebuffer keeps the built-in one");
        assertEquals(new VgpuProfile("A100-4C", 4, 9, 7), merged.profiles().get("A100-4C"), "replaced");
        assertEquals(new VgpuProfile("A100-2-10C", 10, 3, 3), merged.profiles().get("A100-2-10C"), "added");
        assertEquals(new VgpuProfile("A100-10C", 10, 4, 4), merged.profiles().get("A100-10C"), "kept");
        assertEquals(at, merged.origin(), "errors about a merged model point at the user's entry");
    }

    @Test
    void aUserModelIsAddedAndBuiltInsStay() {
        var b200 = new GpuModel("B200", 192, Map.of("B200-24C", new VgpuProfile("B200-24C", 24, 8, 8)),
                new Origin("/gpuModels/B200"));

        Map<String, GpuModel> merged = GpuCatalogue.merge(GpuCatalogue.builtIn(), Map.of("B200", b200));

        assertSame(b200, merged.get("B200"));
        assertSame(GpuCatalogue.builtIn().get("L4"), merged.get("L4"));
        assertEquals(8, merged.size());
    }

    @Test
    void anExplicitFramebufferReplacesTheBuiltInOne() {
        var user = Map.of("L4", new GpuModel("L4", 23, Map.of(), new Origin("/gpuModels/L4")));
        assertEquals(23, GpuCatalogue.merge(GpuCatalogue.builtIn(), user).get("L4").framebufferGiB());
    }
}
