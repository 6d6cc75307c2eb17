package dev.fleetform.reconciler.host.storage;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The arrays of {@code /proc/mdstat} as the kernel prints them: a {@code mdN : state [level] members}
 * line, then indented lines (spaces or tabs) with the size, {@code super 1.2}, {@code 512k chunk}
 * (raid4/5/6/10) or {@code 64k chunks} (raid0), and progress lines. Only what the detail export
 * lacks is read: state and chunk.
 */
public final class Mdstat {
    /** One array: {@code active}/{@code inactive}, read-only flags, the chunk in KiB (0 when the kernel shows none). */
    public record Array(String name, boolean active, String flags, int chunkKiB) {
    }

    private static final Pattern HEAD = Pattern.compile("^(md[0-9a-z_]+) : (active|inactive)(?: \\(([^)]*)\\))?.*$");
    private static final Pattern CHUNK = Pattern.compile("\\b([0-9]{1,9})k chunks?\\b");

    private Mdstat() {
    }

    /** By kernel name ({@code md127}). */
    public static Map<String, Array> parse(String text) {
        Map<String, Array> out = new LinkedHashMap<>();
        String name = null;
        boolean active = false;
        String flags = null;
        int chunk = 0;
        for (String line : text.split("\n")) {
            Matcher h = HEAD.matcher(line);
            if (h.matches()) {
                if (name != null) out.putIfAbsent(name, new Array(name, active, flags, chunk));
                name = h.group(1);
                active = h.group(2).equals("active");
                flags = h.group(3);
                chunk = 0;
                continue;
            }
            if (name == null) continue;
            if (line.isBlank() || !Character.isWhitespace(line.charAt(0))) {
                out.putIfAbsent(name, new Array(name, active, flags, chunk));
                name = null;
                continue;
            }
            Matcher c = CHUNK.matcher(line);
            if (chunk == 0 && c.find()) chunk = Integer.parseInt(c.group(1));
        }
        if (name != null) out.putIfAbsent(name, new Array(name, active, flags, chunk));
        return out;
    }
}
