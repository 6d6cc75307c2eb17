package dev.fleetform.compiler.check.monitoring;

import dev.fleetform.compiler.diag.Location;
import dev.fleetform.compiler.load.SourceMap;

/**
 * Where the n-th character of a scalar's value was written, so an error inside a value (a
 * column of a PromQL expression) points at the right line and column of the YAML file. Reads
 * the source lines to see how the value was written: plain, "double" or 'single' quoted (escapes
 * and doubled quotes take more columns than characters), or a | or &gt; block (value lines
 * start below the indicator, after the block's indentation). Lines folded into one (plain,
 * quoted and &gt; scalars) are joined by one character, or by one per blank line between them.
 */
final class ScalarPosition {
    private final SourceMap sources;
    private final String file;

    private ScalarPosition(SourceMap sources, String file) {
        this.sources = sources;
        this.file = file;
    }

    /** {@code start} is where the value begins ({@link SourceMap#locateValue}). */
    static Location of(SourceMap sources, Location start, int offset) {
        return new ScalarPosition(sources, start.file()).locate(start, offset);
    }

    private Location locate(Location start, int offset) {
        String first = sources.lineText(file, start.line());
        int col = start.column() - 1;
        if (first == null || col >= first.length()) return at(start.line(), col + offset);
        return switch (first.charAt(col)) {
            case '|', '>' -> block(start.line() + 1, first.charAt(col) == '|', offset);
            case '"' -> quoted(start.line(), col + 1, '"', offset);
            case '\'' -> quoted(start.line(), col + 1, '\'', offset);
            default -> plain(start.line(), col, offset);
        };
    }

    private Location plain(int line, int col, int offset) {
        String text = sources.lineText(file, line);
        int remaining = offset;
        int from = col;
        while (true) {
            int length = rightTrimmed(text).length() - from;
            if (remaining <= length) return at(line, from + remaining);
            // Folded onto the next non-blank line.
            int blanks = 0;
            String next;
            do {
                next = sources.lineText(file, ++line);
                if (next == null) return at(line - 1, from + length);
                if (next.isBlank()) blanks++;
            } while (next.isBlank());
            remaining -= length + Math.max(1, blanks);
            text = next;
            from = indentation(next);
        }
    }

    private Location quoted(int line, int from, char quote, int offset) {
        String text = sources.lineText(file, line);
        int value = 0;
        int p = from;
        while (true) {
            if (p >= text.length()) { // the value continues on the next line, folded
                String next = sources.lineText(file, line + 1);
                if (next == null) return at(line, p);
                line++;
                text = next;
                p = indentation(next);
                value++;
                continue;
            }
            if (value >= offset) return at(line, p);
            char c = text.charAt(p);
            if (c == quote && !(quote == '\'' && p + 1 < text.length() && text.charAt(p + 1) == '\'')) return at(line, p);
            p += c == '\\' && quote == '"' ? escapeLength(text, p) : (c == '\'' && quote == '\'' ? 2 : 1);
            value++;
        }
    }

    private Location block(int firstLine, boolean literal, int offset) {
        int indent = -1;
        int remaining = offset;
        int blanks = 0;
        int lastLine = firstLine;
        int lastLength = 0;
        for (int line = firstLine; ; line++) {
            String text = sources.lineText(file, line);
            if (text != null && text.isBlank()) {
                blanks++;
                continue;
            }
            boolean inBlock = text != null && (indent < 0 || indentation(text) >= indent);
            if (!inBlock) return at(lastLine, Math.max(indent, 0) + lastLength); // past the value's end
            if (indent < 0) {
                indent = indentation(text);
                if (literal) remaining -= Math.min(remaining, blanks); // leading blank lines are breaks
            } else {
                // Literal keeps each line break; folded joins lines by a space, blank lines by breaks.
                int join = literal ? blanks + 1 : Math.max(1, blanks);
                if (remaining < join) return at(lastLine, indent + lastLength);
                remaining -= join;
            }
            blanks = 0;
            int length = text.length() - indent;
            if (remaining <= length) return at(line, indent + remaining);
            remaining -= length;
            lastLine = line;
            lastLength = length;
        }
    }

    /** Source characters of the escape at {@code p} in a double-quoted scalar. */
    private static int escapeLength(String text, int p) {
        if (p + 1 >= text.length()) return 1;
        return switch (text.charAt(p + 1)) {
            case 'x' -> 4;
            case 'u' -> 6;
            case 'U' -> 10;
            default -> 2;
        };
    }

    private static int indentation(String text) {
        int i = 0;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) i++;
        return i;
    }

    private static String rightTrimmed(String text) {
        int end = text.length();
        int comment = text.indexOf(" #");
        if (comment >= 0) end = comment;
        while (end > 0 && Character.isWhitespace(text.charAt(end - 1))) end--;
        return text.substring(0, end);
    }

    /** A 1-based location from a 0-based column. */
    private Location at(int line, int zeroBasedColumn) {
        return new Location(file, line, zeroBasedColumn + 1);
    }
}
