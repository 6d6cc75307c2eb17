package dev.fleetform.reconciler.kubernetes.prune;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What Fleetform created in one cluster for one fleet: the only objects it may ever prune there.
 * Immutable, one entry per object name (a later {@link #with} of the same name replaces the older
 * life), sorted, and written as the same bytes for the same entries.
 *
 * @param entries  sorted, one per {@link InventoryEntry#key()}
 * @param revision the resourceVersion of the ConfigMap it was read from (null: not stored yet);
 *                 {@link InventoryStore#write} refuses to overwrite a newer one
 */
public record Inventory(List<InventoryEntry> entries, String revision) {
    /** The format of {@code inventory.json}; a newer one is refused rather than misread. */
    public static final int FORMAT_VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper();

    public Inventory {
        TreeMap<String, InventoryEntry> byKey = new TreeMap<>();
        for (InventoryEntry e : entries) byKey.put(e.key(), e);
        List<InventoryEntry> sorted = new ArrayList<>(byKey.values());
        sorted.sort(null);
        entries = List.copyOf(sorted);
    }

    public static Inventory empty() {
        return new Inventory(List.of(), null);
    }

    public static Inventory of(Collection<InventoryEntry> entries) {
        return new Inventory(List.copyOf(entries), null);
    }

    public int size() {
        return entries.size();
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The entry recorded under that object's name (group, kind, namespace, name), whatever its uid. */
    public Optional<InventoryEntry> find(String apiVersion, String kind, String namespace, String name) {
        return find(InventoryEntry.key(apiVersion, kind, namespace, name));
    }

    Optional<InventoryEntry> find(String key) {
        for (InventoryEntry e : entries) if (e.key().equals(key)) return Optional.of(e);
        return Optional.empty();
    }

    /** Records an object Fleetform just created (replacing an older life of the same name). */
    public Inventory with(InventoryEntry entry) {
        List<InventoryEntry> next = new ArrayList<>(entries);
        next.add(entry);
        return new Inventory(next, revision);
    }

    /** Forgets {@code entry} (deleted, or already gone); an entry of the same name but another uid stays. */
    public Inventory without(InventoryEntry entry) {
        List<InventoryEntry> next = new ArrayList<>(entries);
        return next.remove(entry) ? new Inventory(next, revision) : this;
    }

    /** Forgets all of {@code gone}. */
    public Inventory without(Collection<InventoryEntry> gone) {
        List<InventoryEntry> next = new ArrayList<>(entries);
        return next.removeAll(gone) ? new Inventory(next, revision) : this;
    }

    /** The same entries, as stored at {@code resourceVersion}. */
    public Inventory at(String resourceVersion) {
        return new Inventory(entries, resourceVersion);
    }

    /** Whether both hold the same entries, wherever they were read from. */
    public boolean sameEntries(Inventory other) {
        return entries.equals(other.entries);
    }

    /** The content of the ConfigMap's {@code inventory.json}: sorted, two-space indent, {@code \n} line ends. */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("formatVersion", FORMAT_VERSION);
        ArrayNode list = root.putArray("entries");
        for (InventoryEntry e : entries) {
            ObjectNode o = list.addObject();
            o.put("apiVersion", e.apiVersion());
            o.put("kind", e.kind());
            if (e.namespace() != null) o.put("namespace", e.namespace());
            o.put("name", e.name());
            o.put("uid", e.uid());
        }
        DefaultIndenter indent = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter().withObjectIndenter(indent).withArrayIndenter(indent);
        try {
            return JSON.writer(printer).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot happen: a tree of strings", e);
        }
    }

    /**
     * Reads {@code inventory.json}.
     *
     * @throws IllegalArgumentException naming what is wrong (not JSON, a newer format, an entry without uid)
     */
    public static Inventory fromJson(String json, String revision) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON (" + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.isObject()) throw new IllegalArgumentException("not a JSON object");
        JsonNode version = root.get("formatVersion");
        if (version == null || !version.canConvertToInt()) throw new IllegalArgumentException("no formatVersion");
        if (version.intValue() != FORMAT_VERSION) {
            throw new IllegalArgumentException("formatVersion " + version.asText() + " (this Fleetform reads " + FORMAT_VERSION
                    + "; a newer Fleetform wrote it?)");
        }
        JsonNode list = root.get("entries");
        if (list == null || !list.isArray()) throw new IllegalArgumentException("no entries list");
        List<InventoryEntry> entries = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode o = list.get(i);
            String apiVersion = text(o, "apiVersion", i);
            String kind = text(o, "kind", i);
            String name = text(o, "name", i);
            String uid = text(o, "uid", i);
            JsonNode ns = o.get("namespace");
            entries.add(new InventoryEntry(apiVersion, kind, ns == null || ns.isNull() ? null : ns.asText(), name, uid));
        }
        return new Inventory(entries, revision);
    }

    private static String text(JsonNode o, String field, int index) {
        JsonNode v = o == null ? null : o.get(field);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw new IllegalArgumentException("entries[" + index + "] has no " + field);
        }
        return v.asText();
    }
}
