package dev.fleetform.reconciler.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleetform.compiler.fault.SourceUnreadable;
import dev.fleetform.reconciler.engine.SavedPlan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Reads a plan saved by {@code fleetform drift --out} for {@code apply --plan}. */
public final class SavedPlans {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SavedPlans() {
    }

    /** @throws SourceUnreadable when the file is missing, unreadable or not a saved drift plan */
    public static SavedPlan read(Path file) {
        JsonNode doc;
        try {
            doc = JSON.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new SourceUnreadable(file.toString(), "no such file: " + file, "save a plan with fleetform drift --out " + file, e);
        } catch (IOException e) {
            throw new SourceUnreadable(file.toString(), "cannot read " + file + ": " + e.getMessage(),
                    "save a plan with fleetform drift --out " + file, e);
        }
        if (doc == null || !doc.path("format_version").isTextual() || !doc.path("resource_changes").isArray() || !doc.has("targets")) {
            throw new SourceUnreadable(file.toString(), file + " is not a plan saved by fleetform drift --out",
                    "save one with fleetform drift --out " + file + " (a plan of fleetform plan compares git revisions and cannot be applied)", null);
        }
        Map<String, SavedPlan.Entry> changes = new HashMap<>();
        for (JsonNode c : doc.get("resource_changes")) {
            String address = c.path("address").asText();
            changes.put(address, new SavedPlan.Entry(address, c.path("action").asText(), map(c.path("change").path("before")),
                    map(c.path("change").path("after")), c.path("live_version").isTextual() ? c.get("live_version").asText() : null));
        }
        return new SavedPlan(changes);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(JsonNode n) {
        return n.isObject() ? JSON.convertValue(n, Map.class) : null;
    }
}
