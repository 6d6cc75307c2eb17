package dev.fleetform.compiler.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleetform.compiler.diag.Diagnostics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The top-level {@code include:} of fleet.yaml: globs relative to its directory whose files add
 * list items ({@code hosts}, {@code access.bastions}, ...) after the main file's, and named
 * entries ({@code profiles}, {@code gpuModels}) that must not be defined twice. Merged items keep
 * their own file's locations: the merged pointer is linked to the included file's node.
 */
final class Includes {

    static final String KEY = "include";
    /** More files than any fleet splits into; the location table stores the file index in 16 bits. */
    static final int MAX_FILES = 4096;

    /** How an included file's key merges into fleet.yaml. */
    private enum Merge { APPEND, ADD }

    private static final Map<String, Merge> TOP = ordered("hosts", Merge.APPEND, "profiles", Merge.ADD, "gpuModels", Merge.ADD);
    private static final Map<String, Map<String, Merge>> SECTIONS = Map.of(
            "access", ordered("bastions", Merge.APPEND, "groups", Merge.APPEND),
            "kubernetes", ordered("clusters", Merge.APPEND),
            "workloads", ordered("miners", Merge.APPEND),
            "monitoring", ordered("alerts", Merge.APPEND, "receivers", Merge.APPEND, "routes", Merge.APPEND));
    private static final String ALLOWED = "hosts, profiles, gpuModels, access.bastions, access.groups, "
            + "kubernetes.clusters, workloads.miners, monitoring.alerts, monitoring.receivers, monitoring.routes";

    private final FleetSource source;
    private final String mainPath;
    private final String baseDir;
    private final LocationTable table;
    private final Diagnostics out;
    private final Function<String, YamlTreeReader.Result> parse;

    Includes(FleetSource source, String mainPath, LocationTable table, Diagnostics out,
             Function<String, YamlTreeReader.Result> parse) {
        this.source = source;
        this.mainPath = mainPath;
        int slash = mainPath.lastIndexOf('/');
        this.baseDir = slash < 0 ? "" : mainPath.substring(0, slash + 1);
        this.table = table;
        this.out = out;
        this.parse = parse;
    }

    /** Merges the included files into {@code root} (the main file's root, node 0) and removes {@code include}. */
    void merge(ObjectNode root) {
        int includeId = table.child(0, KEY);
        JsonNode patterns = root.remove(KEY);
        for (String path : files(patterns, includeId)) {
            YamlTreeReader.Result included = parse.apply(path);
            if (included.root() == null) continue;
            if (!(included.root() instanceof ObjectNode object)) {
                out.error("INCLUDE-KEY", table.valueLocation(included.rootId()),
                        "an included file must be a mapping of " + ALLOWED, null);
                continue;
            }
            mergeFile(root, object, included.rootId());
        }
    }

    /** The files the patterns match: distinct, in path order, fleet.yaml itself left out. */
    private List<String> files(JsonNode patterns, int includeId) {
        TreeSet<String> files = new TreeSet<>();
        if (!(patterns instanceof ArrayNode list)) {
            out.error("INCLUDE-PATH", table.valueLocation(includeId),
                    "include must be a list of paths or globs relative to fleet.yaml", "write include: [hosts/*.yaml]");
            return List.of();
        }
        for (int i = 0; i < list.size(); i++) {
            int itemId = table.child(includeId, i);
            JsonNode item = list.get(i);
            String pattern = item.isTextual() ? normalize(item.asText()) : null;
            String problem = pattern == null || pattern.isEmpty() ? "an include is a non-empty path or glob"
                    : isAbsolute(pattern) ? shown(pattern) + " is absolute; includes are relative to the directory of fleet.yaml"
                    : climbs(pattern) ? shown(pattern) + " leaves the directory of fleet.yaml"
                    : null;
            if (problem != null) {
                out.error("INCLUDE-PATH", table.valueLocation(itemId), problem, "write a path inside the fleet directory, e.g. hosts/*.yaml");
                continue;
            }
            String badGlob = IncludeGlob.problem(baseDir + pattern);
            if (badGlob != null) {
                out.error("INCLUDE-PATTERN", table.valueLocation(itemId),
                        shown(pattern) + " is not a valid glob: " + badGlob, IncludeGlob.SYNTAX);
                continue;
            }
            List<String> matched;
            try {
                matched = new ArrayList<>(source.glob(baseDir + pattern));
            } catch (FleetSourceException e) {
                out.error("FILE-UNREADABLE", table.valueLocation(itemId), "cannot list " + shown(pattern) + ": " + e.getMessage(), null);
                continue;
            }
            matched.remove(mainPath);
            if (matched.isEmpty()) {
                out.error("INCLUDE-EMPTY", table.valueLocation(itemId), shown(pattern) + " matches no file",
                        "check the path and the glob; it is relative to the directory of fleet.yaml");
            }
            files.addAll(matched);
        }
        if (files.size() > MAX_FILES) {
            out.error("INCLUDE-PATH", table.valueLocation(includeId),
                    "include matches " + files.size() + " files; at most " + MAX_FILES + " are allowed", "put more into each file");
            return List.of();
        }
        return List.copyOf(files);
    }

    private void mergeFile(ObjectNode root, ObjectNode included, int includedRoot) {
        for (Entry<String, JsonNode> entry : included.properties()) {
            String key = entry.getKey();
            int keyId = table.child(includedRoot, key);
            Merge merge = TOP.get(key);
            if (merge != null) {
                mergeKey(root, 0, key, key, merge, entry.getValue(), keyId);
                continue;
            }
            Map<String, Merge> section = SECTIONS.get(key);
            if (section == null) {
                String message = KEY.equals(key) ? "includes do not nest: only fleet.yaml may include files"
                        : "'" + key + "' cannot be set in an included file; it may hold " + ALLOWED;
                out.error("INCLUDE-KEY", table.location(keyId), message, "move it to fleet.yaml");
                continue;
            }
            mergeSection(root, key, section, entry.getValue(), keyId);
        }
    }

    private void mergeSection(ObjectNode root, String name, Map<String, Merge> allowed, JsonNode value, int valueId) {
        if (!(value instanceof ObjectNode included)) {
            out.error("INCLUDE-KEY", table.valueLocation(valueId), "'" + name + "' in an included file must be a mapping", null);
            return;
        }
        JsonNode existing = root.get(name);
        int sectionId;
        ObjectNode section;
        if (existing == null) {
            section = root.putObject(name);
            sectionId = table.newNodeLike(valueId);
            table.link(0, name, sectionId);
        } else if (existing instanceof ObjectNode object) {
            section = object;
            sectionId = table.child(0, name);
        } else {
            return; // fleet.yaml's own value has the wrong type: the schema reports it there
        }
        for (Entry<String, JsonNode> entry : included.properties()) {
            String key = entry.getKey();
            int keyId = table.child(valueId, key);
            Merge merge = allowed.get(key);
            if (merge == null) {
                out.error("INCLUDE-KEY", table.location(keyId),
                        "'" + name + "." + key + "' cannot be set in an included file; it may hold " + ALLOWED, "move it to fleet.yaml");
                continue;
            }
            mergeKey(section, sectionId, key, name + "." + key, merge, entry.getValue(), keyId);
        }
    }

    private void mergeKey(ObjectNode target, int targetId, String key, String shownKey, Merge merge, JsonNode value, int valueId) {
        boolean list = merge == Merge.APPEND;
        if (list ? !value.isArray() : !value.isObject()) {
            out.error("INCLUDE-KEY", table.valueLocation(valueId),
                    "'" + shownKey + "' in an included file must be a " + (list ? "list" : "mapping"), null);
            return;
        }
        JsonNode existing = target.get(key);
        int existingId;
        if (existing == null) {
            existing = list ? JsonNodeFactory.instance.arrayNode() : JsonNodeFactory.instance.objectNode();
            target.set(key, existing);
            existingId = table.newNodeLike(valueId);
            if (list) table.markList(existingId);
            table.link(targetId, key, existingId);
        } else if (list ? existing.isArray() : existing.isObject()) {
            existingId = table.child(targetId, key);
        } else {
            return; // fleet.yaml's own value has the wrong type: the schema reports it there
        }
        if (existing instanceof ArrayNode items) {
            for (int i = 0; i < value.size(); i++) {
                table.link(existingId, items.size(), table.child(valueId, i));
                items.add(value.get(i));
            }
        } else {
            ObjectNode entries = (ObjectNode) existing;
            for (Entry<String, JsonNode> entry : value.properties()) {
                String name = entry.getKey();
                int entryId = table.child(valueId, name);
                if (entries.has(name)) {
                    out.error("INCLUDE-DUPLICATE", table.location(entryId),
                            describe(key) + " '" + name + "' is already defined at " + table.location(table.child(existingId, name)),
                            "define each name once across fleet.yaml and its included files");
                    continue;
                }
                entries.set(name, entry.getValue());
                table.link(existingId, name, entryId);
            }
        }
    }

    /** The pattern in quotes, with control characters (a NUL from a "\\0" escape) made visible. */
    private static String shown(String pattern) {
        StringBuilder b = new StringBuilder("'");
        pattern.chars().forEach(c -> b.append(c < 0x20 || c == 0x7F ? String.format("\\x%02x", c) : String.valueOf((char) c)));
        return b.append('\'').toString();
    }

    private static String describe(String key) {
        return key.equals("profiles") ? "profile" : "GPU model";
    }

    /** Drops empty and "." segments so that "./hosts/*.yaml" and "hosts/*.yaml" are the same. */
    private static String normalize(String pattern) {
        StringBuilder b = new StringBuilder(pattern.length());
        for (String segment : pattern.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".")) continue;
            if (!b.isEmpty()) b.append('/');
            b.append(segment);
        }
        return pattern.startsWith("/") ? "/" + b : b.toString();
    }

    private static boolean isAbsolute(String pattern) {
        return pattern.startsWith("/") || pattern.startsWith("~") || pattern.indexOf('\\') >= 0
                || (pattern.length() > 1 && pattern.charAt(1) == ':');
    }

    private static boolean climbs(String pattern) {
        for (String segment : pattern.split("/")) {
            if (segment.equals("..")) return true;
        }
        return false;
    }

    private static <V> Map<String, V> ordered(Object... pairs) {
        Map<String, V> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            @SuppressWarnings("unchecked") V v = (V) pairs[i + 1];
            map.put((String) pairs[i], v);
        }
        return map;
    }
}
