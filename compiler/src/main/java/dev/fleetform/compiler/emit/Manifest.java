package dev.fleetform.compiler.emit;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code MANIFEST.sha256}: {@code <hex>  <path>} per file, sorted by path, as {@code sha256sum -c} reads it. */
final class Manifest {
    private static final Pattern LINE = Pattern.compile("([0-9a-f]{64})  (.+)");

    private Manifest() {
    }

    /** The manifest of {@code sorted}, whose digests are {@code hex[i]} for {@code sorted.get(i)}. */
    static Artefact of(List<Artefact> sorted, String[] hex) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < sorted.size(); i++) sb.append(hex[i]).append("  ").append(sorted.get(i).path()).append('\n');
        return new Artefact(Compiler.MANIFEST, sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** An earlier manifest as path -> hex digest; lines not in that shape are left out. */
    static Map<String, String> parse(String text) {
        Map<String, String> byPath = new HashMap<>();
        Matcher m = LINE.matcher("");
        for (String line : text.split("\n")) {
            if (m.reset(line).matches()) byPath.put(m.group(2), m.group(1));
        }
        return byPath;
    }
}
