package dev.fleetform.reconciler.host.storage;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * /etc/fstab as lines: entries ({@code spec file vfstype mntops freq passno}, {@code \040}-style
 * octal escapes in the first two) and everything else (comments, blanks) kept as they are. A
 * rewrite changes only the lines of the mount points it is given and keeps every other line
 * byte for byte.
 */
public final class Fstab {
    /** One entry; {@code line} is its index in the file. */
    public record Entry(int line, String spec, String file, String vfstype, String options) {
        /** The options as the fleet lists them: {@code defaults} alone is none. */
        public List<String> optionList() {
            if (options == null || options.isEmpty() || options.equals("defaults")) return List.of();
            return List.of(options.split(","));
        }
    }

    private final List<String> lines;
    private final boolean finalNewline;
    private final List<Entry> entries;

    private Fstab(List<String> lines, boolean finalNewline, List<Entry> entries) {
        this.lines = lines;
        this.finalNewline = finalNewline;
        this.entries = entries;
    }

    /** The file's bytes (as the probe read them: one char per byte, so what is kept stays byte-exact). */
    public static Fstab parse(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        boolean finalNewline = text.endsWith("\n");
        if (finalNewline || text.isEmpty()) lines.removeLast();
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (l.isEmpty() || l.startsWith("#")) continue;
            String[] p = l.split("[ \t]+");
            if (p.length < 2) continue;
            entries.add(new Entry(i, unescape(p[0]), unescape(p[1]), p.length > 2 ? p[2] : "", p.length > 3 ? p[3] : "defaults"));
        }
        return new Fstab(lines, finalNewline, List.copyOf(entries));
    }

    /** The last entry for {@code mountpoint} (the one mount -a leaves on top), or null. */
    public Entry entry(String mountpoint) {
        Entry found = null;
        String mp = bytewise(mountpoint);
        for (Entry e : entries) if (e.file().equals(mp)) found = e;
        return found;
    }

    /**
     * The file with each of {@code wanted}'s mount points on the given line: the first entry for
     * it replaced, later duplicates dropped, a missing one appended. Other lines are unchanged.
     */
    public byte[] with(Map<String, String> wanted) {
        List<String> out = new ArrayList<>(lines.size() + wanted.size());
        Set<String> placed = new HashSet<>();
        Map<String, String> byBytes = new java.util.HashMap<>();
        for (String mp : wanted.keySet()) byBytes.put(bytewise(mp), mp);
        Map<Integer, Entry> byLine = new java.util.HashMap<>();
        for (Entry e : entries) byLine.put(e.line(), e);
        boolean endsWithLast = false; // the output ends with the original's last line, unchanged
        for (int i = 0; i < lines.size(); i++) {
            Entry e = byLine.get(i);
            endsWithLast = false;
            String mp = e == null ? null : byBytes.get(e.file());
            if (mp != null) {
                if (placed.add(mp)) out.add(bytewise(wanted.get(mp)));
                continue;
            }
            out.add(lines.get(i));
            endsWithLast = i == lines.size() - 1;
        }
        for (Map.Entry<String, String> w : wanted.entrySet()) {
            if (placed.contains(w.getKey())) continue;
            out.add(bytewise(w.getValue()));
            endsWithLast = false;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < out.size(); i++) {
            b.append(out.get(i));
            // the original's last line keeps its missing newline only when it stays last
            if (i < out.size() - 1 || finalNewline || !endsWithLast) b.append('\n');
        }
        return b.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The file without the entries of {@code mountpoints}; every other line byte for byte. */
    public byte[] without(Set<String> mountpoints) {
        Set<String> drop = new HashSet<>();
        for (String mp : mountpoints) drop.add(bytewise(mp));
        Set<Integer> dropped = new HashSet<>();
        for (Entry e : entries) if (drop.contains(e.file())) dropped.add(e.line());
        StringBuilder b = new StringBuilder();
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) if (!dropped.contains(i)) kept.add(lines.get(i));
        for (int i = 0; i < kept.size(); i++) {
            b.append(kept.get(i));
            if (i < kept.size() - 1 || finalNewline) b.append('\n');
        }
        return b.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A string as the file holds it: its UTF-8 bytes, one char each. */
    private static String bytewise(String s) {
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    /** A path as an fstab field: space, tab, newline and backslash as octal escapes. */
    public static String escape(String path) {
        StringBuilder b = new StringBuilder();
        for (char c : path.toCharArray()) {
            switch (c) {
                case ' ' -> b.append("\\040");
                case '\t' -> b.append("\\011");
                case '\n' -> b.append("\\012");
                case '\\' -> b.append("\\134");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    static String unescape(String field) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length() + 0 && field.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                b.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
