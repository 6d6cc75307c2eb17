package dev.fleetform.compiler.plan;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import dev.fleetform.compiler.emit.Artefact;
import dev.fleetform.compiler.emit.Compiler;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Unified diff of two compiles, file by file, so reviewers see the exact rule or manifest change. */
public final class ArtefactDiff {
    private static final int CONTEXT = 3;

    private ArtefactDiff() {
    }

    public static String unified(List<Artefact> base, List<Artefact> head) {
        Map<String, String> b = texts(base), h = texts(head);
        TreeSet<String> paths = new TreeSet<>(b.keySet());
        paths.addAll(h.keySet());
        paths.remove(Compiler.MANIFEST); // it changes whenever anything does: noise
        StringBuilder out = new StringBuilder();
        for (String p : paths) {
            String x = b.getOrDefault(p, ""), y = h.getOrDefault(p, "");
            if (x.equals(y)) continue;
            List<String> from = x.lines().toList(), to = y.lines().toList();
            List<String> diff = UnifiedDiffUtils.generateUnifiedDiff(
                    b.containsKey(p) ? "a/" + p : "/dev/null", h.containsKey(p) ? "b/" + p : "/dev/null",
                    from, DiffUtils.diff(from, to), CONTEXT);
            for (String line : diff) out.append(line).append('\n');
        }
        return out.toString();
    }

    private static Map<String, String> texts(List<Artefact> artefacts) {
        Map<String, String> m = new TreeMap<>();
        for (Artefact a : artefacts) m.put(a.path(), a.text());
        return m;
    }
}
