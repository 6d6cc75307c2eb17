package dev.fleetform.compiler.load;

import dev.fleetform.compiler.diag.Location;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link SourceMap} of one load, kept in primitive arrays: a 50,000-host fleet has millions of
 * nodes, so there is no object per entry. Every YAML node gets an int id; an edge table maps
 * (parent id, segment) to the child id, where a segment is a list index or the id of an object key
 * (key strings are shared: a fleet has few distinct key names). Included files are parsed into the
 * same table and their subtrees linked under the merged document's pointers, so a merged pointer
 * such as {@code /hosts/12} walks straight into the included file's nodes.
 *
 * <p>Written by one thread while loading; once loaded, lookups never modify it (except the lazily
 * computed line starts, which are guarded), so stages may read it concurrently.
 */
final class LocationTable implements SourceMap {

    private static final int NO_CHILD = 0; // id 0 is the main file's root, never anyone's child
    private static final long MAX_LINE_COL = (1L << 24) - 1;
    private static final int MAX_FILE = (1 << 16) - 1;

    private final List<String> files = new ArrayList<>();
    private final List<String> texts = new ArrayList<>();
    private final List<int[]> lineStarts = new ArrayList<>(); // per file, computed on first use
    private final Map<String, Integer> keyIds = new HashMap<>();

    // per node: file(16) | line(24) | column(24) of the key or list item; value as line(32) | column(32)
    private long[] where = new long[1024];
    private long[] valueAt = new long[1024];
    private boolean[] isList = new boolean[1024];
    private int nodes;

    // open addressing: (parent << 32 | segment) -> child id; a NO_CHILD slot is empty
    private long[] edgeKeys = new long[2048];
    private int[] edgeChildren = new int[2048];
    private int edges;

    /** Registers a file; its index is stored with each of its nodes. */
    int addFile(String displayName) {
        files.add(displayName);
        return Math.min(files.size() - 1, MAX_FILE);
    }

    /** Keeps a file's text for {@link #lineText}. */
    void setText(int fileIndex, String text) {
        while (texts.size() <= fileIndex) {
            texts.add(null);
            lineStarts.add(null);
        }
        texts.set(fileIndex, text);
    }

    @Override
    public String lineText(String file, int line) {
        int f = files.indexOf(file);
        if (f < 0 || f >= texts.size() || texts.get(f) == null || line < 1) return null;
        String text = texts.get(f);
        int[] starts = lineStartsOf(f);
        if (line > starts.length) return null;
        int from = starts[line - 1];
        int to = from;
        while (to < text.length() && text.charAt(to) != '\n' && text.charAt(to) != '\r') to++;
        return text.substring(from, to);
    }

    /** Computed on first use, under the lock: the schema stage and the rules read the table from two threads. */
    private synchronized int[] lineStartsOf(int f) {
        int[] starts = lineStarts.get(f);
        if (starts == null) {
            starts = lineStarts(texts.get(f));
            lineStarts.set(f, starts);
        }
        return starts;
    }

    /** Where each line starts; \n, \r\n and \r end a line, as the YAML parser counts them. */
    private static int[] lineStarts(String text) {
        int[] starts = new int[16];
        int n = 0;
        starts[n++] = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                if (n == starts.length) starts = Arrays.copyOf(starts, n * 2);
                starts[n++] = i + 1;
            }
        }
        return Arrays.copyOf(starts, n);
    }

    String file(int fileIndex) {
        return files.get(fileIndex);
    }

    /** A new node located at the key (object member) or item (list element) that introduces it. */
    int newNode(int file, int line, int column) {
        if (nodes == where.length) {
            int size = nodes + (nodes >> 1) + 16;
            where = Arrays.copyOf(where, size);
            valueAt = Arrays.copyOf(valueAt, size);
            isList = Arrays.copyOf(isList, size);
        }
        where[nodes] = (long) file << 48 | clamp(line) << 24 | clamp(column);
        return nodes++;
    }

    /** A new node at the same place as an existing one (a list created in the merged document). */
    int newNodeLike(int id) {
        int copy = newNode(0, 0, 0);
        where[copy] = where[id];
        valueAt[copy] = valueAt[id];
        return copy;
    }

    void setValue(int id, int line, int column) {
        valueAt[id] = (long) line << 32 | (column & 0xFFFF_FFFFL);
    }

    /** Makes room for {@code more} nodes and their edges at once (a reader that can estimate them). */
    void reserve(int more) {
        int size = nodes + more;
        if (size > where.length) {
            where = Arrays.copyOf(where, size);
            valueAt = Arrays.copyOf(valueAt, size);
            isList = Arrays.copyOf(isList, size);
        }
        int slots = edgeKeys.length;
        while ((edges + more) * 4 > slots * 3) slots *= 2;
        if (slots > edgeKeys.length) rehash(slots);
    }

    /** The number of nodes so far: a mark to {@link #rollback} to. */
    int nodeCount() {
        return nodes;
    }

    /** Forgets the nodes from {@code mark} on and the edges to them (a reader that gave up part-way). */
    void rollback(int mark) {
        Arrays.fill(valueAt, mark, nodes, 0);
        Arrays.fill(isList, mark, nodes, false);
        nodes = mark;
        long[] oldKeys = edgeKeys;
        int[] oldChildren = edgeChildren;
        edgeKeys = new long[oldKeys.length];
        edgeChildren = new int[oldKeys.length];
        edges = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldChildren[i] != NO_CHILD && oldChildren[i] < mark) put(oldKeys[i], oldChildren[i]);
        }
    }

    /** Drops the growth slack of the per-node arrays once everything is read. */
    void trim() {
        where = Arrays.copyOf(where, Math.max(nodes, 16));
        valueAt = Arrays.copyOf(valueAt, Math.max(nodes, 16));
        isList = Arrays.copyOf(isList, Math.max(nodes, 16));
    }

    void markList(int id) {
        isList[id] = true;
    }

    int fileCount() {
        return files.size();
    }

    void link(int parent, String key, int child) {
        put(edgeKey(parent, keyId(key)), child);
    }

    void link(int parent, int index, int child) {
        put(edgeKey(parent, index), child);
    }

    /** The child of an object node, or -1. */
    int child(int parent, String key) {
        Integer k = keyIds.get(key);
        return k == null ? -1 : get(edgeKey(parent, k));
    }

    /** The item of a list node, or -1. */
    int child(int parent, int index) {
        return get(edgeKey(parent, index));
    }

    Location location(int id) {
        long w = where[id];
        return new Location(files.get((int) (w >>> 48)), (int) (w >>> 24 & MAX_LINE_COL), (int) (w & MAX_LINE_COL));
    }

    Location valueLocation(int id) {
        long v = valueAt[id];
        if (v == 0) return location(id);
        return new Location(files.get((int) (where[id] >>> 48)), (int) (v >>> 32), (int) v);
    }

    /**
     * Every node (key/item and value location, list or not) and every edge (parent, key or index,
     * child), one per line in a fixed order: two tables with equal descriptions hold the same content.
     */
    String describe() {
        StringBuilder sb = new StringBuilder();
        for (int id = 0; id < nodes; id++) {
            sb.append(id).append(' ').append(location(id)).append(" value ").append(valueLocation(id))
                    .append(isList[id] ? " list" : "").append('\n');
        }
        String[] keyNames = new String[keyIds.size()];
        keyIds.forEach((key, id) -> keyNames[id] = key);
        List<String> edgeLines = new ArrayList<>();
        for (int slot = 0; slot < edgeKeys.length; slot++) {
            if (edgeChildren[slot] == NO_CHILD) continue;
            int parent = (int) (edgeKeys[slot] >>> 32);
            int segment = (int) edgeKeys[slot];
            edgeLines.add(parent + (isList[parent] ? " [" + segment + "] " : " ." + keyNames[segment] + " ") + edgeChildren[slot]);
        }
        edgeLines.sort(null);
        edgeLines.forEach(e -> sb.append(e).append('\n'));
        return sb.toString();
    }

    @Override
    public Location locate(String pointer) {
        return location(deepest(pointer, false));
    }

    @Override
    public Location locateValue(String pointer) {
        int id = deepest(pointer, true);
        return id >= 0 ? valueLocation(id) : location(deepest(pointer, false));
    }

    /**
     * Walks the pointer from the root. With {@code exact}, returns -1 unless every segment exists;
     * otherwise returns the deepest node found (the nearest ancestor of a missing key).
     */
    private int deepest(String pointer, boolean exact) {
        int id = 0;
        int at = 0;
        int length = pointer.length();
        while (at < length) {
            if (pointer.charAt(at) != '/') return exact ? -1 : id;
            int end = pointer.indexOf('/', at + 1);
            if (end < 0) end = length;
            int next = isList[id] ? child(id, parseIndex(pointer, at + 1, end)) : child(id, unescape(pointer, at + 1, end));
            if (next < 0) return exact ? -1 : id;
            id = next;
            at = end;
        }
        return id;
    }

    private static int parseIndex(String s, int from, int to) {
        if (from == to || to - from > 9) return -1;
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return -1;
            n = n * 10 + (c - '0');
        }
        return n;
    }

    private static String unescape(String s, int from, int to) {
        String segment = s.substring(from, to);
        if (segment.indexOf('~') < 0) return segment;
        return segment.replace("~1", "/").replace("~0", "~");
    }

    private int keyId(String key) {
        Integer id = keyIds.get(key);
        if (id == null) {
            id = keyIds.size();
            keyIds.put(key, id);
        }
        return id;
    }

    private static long edgeKey(int parent, int segment) {
        return (long) parent << 32 | (segment & 0xFFFF_FFFFL);
    }

    private static long clamp(int n) {
        return Math.min(Math.max(n, 0), MAX_LINE_COL);
    }

    private int get(long key) {
        if (key < 0 || (int) key < 0) return -1;
        int mask = edgeKeys.length - 1;
        for (int slot = hash(key) & mask; ; slot = (slot + 1) & mask) {
            int child = edgeChildren[slot];
            if (child == NO_CHILD) return -1;
            if (edgeKeys[slot] == key) return child;
        }
    }

    private void put(long key, int child) {
        if ((edges + 1) * 4 > edgeKeys.length * 3) grow();
        int mask = edgeKeys.length - 1;
        for (int slot = hash(key) & mask; ; slot = (slot + 1) & mask) {
            if (edgeChildren[slot] == NO_CHILD) {
                edgeKeys[slot] = key;
                edgeChildren[slot] = child;
                edges++;
                return;
            }
            if (edgeKeys[slot] == key) {
                edgeChildren[slot] = child;
                return;
            }
        }
    }

    private void grow() {
        rehash(edgeKeys.length * 2);
    }

    private void rehash(int slots) {
        long[] oldKeys = edgeKeys;
        int[] oldChildren = edgeChildren;
        edgeKeys = new long[slots];
        edgeChildren = new int[slots];
        edges = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldChildren[i] != NO_CHILD) put(oldKeys[i], oldChildren[i]);
        }
    }

    private static int hash(long key) {
        long h = key * 0x9E37_79B9_7F4A_7C15L;
        return (int) (h ^ h >>> 32);
    }
}
