package dev.fleetform.compiler.emit;

import dev.fleetform.compiler.work.Workers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * {@link Serializers#yamlBytes(Object)} of a large document of nested maps, with the entries of
 * chosen mappings serialised in chunks on the workers: the same bytes. In block style an entry's
 * text depends only on where it is (its indentation), not on its siblings, so a chunk of entries
 * is serialised inside the same chain of parent keys and the lines of those keys are cut off
 * again. Each cut is checked: if a chunk does not start with the expected parent lines, this
 * throws rather than write a wrong document.
 */
final class ParallelYaml {
    /** Nodes per chunk: small enough to spread over the cores, large enough that chunks are few. */
    private static final int CHUNK_NODES = 16_384;

    private final Set<List<String>> split;
    private final Map<List<String>, byte[]> headers = new ConcurrentHashMap<>();
    private final List<Supplier<byte[]>> pieces = new ArrayList<>();

    private ParallelYaml(Set<List<String>> split) {
        this.split = split;
    }

    /**
     * @param document the document; maps must iterate in a deterministic order
     * @param split    key paths of the mappings whose entries may be serialised in chunks
     * @param workers  the threads that serialise the chunks
     */
    static byte[] yaml(Map<String, ?> document, Set<List<String>> split, Workers workers) {
        if (document.isEmpty()) return Serializers.yamlBytes(document);
        ParallelYaml y = new ParallelYaml(split);
        y.mapping(List.of(), document);
        List<byte[]> done = workers.map(y.pieces, Supplier::get);
        byte[] out = new byte[done.stream().mapToInt(b -> b.length).sum()];
        int at = 0;
        for (byte[] piece : done) {
            System.arraycopy(piece, 0, out, at, piece.length);
            at += piece.length;
        }
        return out;
    }

    /** Adds the pieces of a non-empty mapping's entries, as they appear under {@code path}. */
    private void mapping(List<String> path, Map<String, ?> map) {
        boolean chunked = split.contains(path);
        Map<String, Object> run = new LinkedHashMap<>();
        int weight = 0;
        for (Map.Entry<String, ?> e : map.entrySet()) {
            List<String> child = append(path, e.getKey());
            if (e.getValue() instanceof Map<?, ?> m && !m.isEmpty() && leadsToSplit(child)) {
                flush(path, run);
                run = new LinkedHashMap<>();
                weight = 0;
                pieces.add(() -> cut(header(child), header(path)));
                @SuppressWarnings("unchecked") Map<String, ?> nested = (Map<String, ?>) m;
                mapping(child, nested);
                continue;
            }
            run.put(e.getKey(), e.getValue());
            weight += nodes(e.getValue());
            if (chunked && weight >= CHUNK_NODES) {
                flush(path, run);
                run = new LinkedHashMap<>();
                weight = 0;
            }
        }
        flush(path, run);
    }

    private void flush(List<String> path, Map<String, Object> entries) {
        if (entries.isEmpty()) return;
        pieces.add(() -> cut(Serializers.yamlBytes(wrap(path, entries)), header(path)));
    }

    private boolean leadsToSplit(List<String> path) {
        for (List<String> s : split) {
            if (s.size() >= path.size() && s.subList(0, path.size()).equals(path)) return true;
        }
        return false;
    }

    /** The lines of the keys leading to {@code path}: the document of one entry there, minus that entry's line. */
    private byte[] header(List<String> path) {
        return headers.computeIfAbsent(path, p -> {
            if (p.isEmpty()) return new byte[0];
            Map<String, Object> probe = new LinkedHashMap<>();
            probe.put("k", null);
            byte[] text = Serializers.yamlBytes(wrap(p, probe));
            int lastLine = text.length - 1;
            while (lastLine > 0 && text[lastLine - 1] != '\n') lastLine--;
            return Arrays.copyOf(text, lastLine);
        });
    }

    private static byte[] cut(byte[] text, byte[] header) {
        if (text.length < header.length || !Arrays.equals(text, 0, header.length, header, 0, header.length)) {
            throw new IllegalStateException("YAML chunk does not start with its parent keys");
        }
        return Arrays.copyOfRange(text, header.length, text.length);
    }

    private static Map<String, Object> wrap(List<String> path, Map<String, Object> entries) {
        Map<String, Object> value = entries;
        for (int i = path.size() - 1; i >= 0; i--) {
            Map<String, Object> parent = new LinkedHashMap<>();
            parent.put(path.get(i), value);
            value = parent;
        }
        return value;
    }

    private static List<String> append(List<String> path, String key) {
        List<String> child = new ArrayList<>(path.size() + 1);
        child.addAll(path);
        child.add(key);
        return List.copyOf(child);
    }

    /** A size estimate: scalars, map entries and list items, all the way down. */
    private static int nodes(Object value) {
        int n = 1;
        if (value instanceof Map<?, ?> m) {
            for (Object v : m.values()) n += nodes(v);
        } else if (value instanceof Collection<?> c) {
            for (Object v : c) n += nodes(v);
        }
        return n;
    }
}
