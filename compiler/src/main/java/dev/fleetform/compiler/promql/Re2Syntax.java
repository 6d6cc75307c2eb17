package dev.fleetform.compiler.promql;

import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import static java.util.Map.entry;

/**
 * Compiles a label matcher's regular expression the way Prometheus does (Go's RE2 syntax,
 * anchored as {@code ^(?:re)$}) with {@link java.util.regex}. The two dialects agree on the
 * common syntax; where they differ this class rewrites RE2 forms Java lacks ({@code (?P<n>},
 * {@code [[:alpha:]]}, a literal <code>{</code>) and rejects what RE2 rejects but Java would
 * accept (look-around, back-references, possessive and nested repetition, Java-only escapes and
 * flags, repeat counts over 1000), with Go's error text. Remaining differences are exotic
 * (e.g. Unicode class names Java does not know).
 */
final class Re2Syntax {

    /** A regular expression Prometheus would refuse; the message is Go's. */
    static final class SyntaxError extends RuntimeException {
        SyntaxError(String code, String fragment) {
            super("error parsing regexp: " + code + ": `" + fragment + "`", null, false, false);
        }
    }

    private static final String RE2_LETTER_ESCAPES = "afntrvxAbBzdDsSwWpPQE";
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

    private Re2Syntax(String re) {
        this.re = re;
        this.out = new StringBuilder(re.length() + 16);
    }

    static Pattern compileAnchored(String re) {
        String anchored = "^(?:" + re + ")$";
        String java = new Re2Syntax(re).translate();
        try {
            return Pattern.compile("^(?:" + java + ")$");
        } catch (PatternSyntaxException e) {
            throw fromJava(e, re, anchored);
        }
    }

    private String translate() {
        boolean atomStart = true; // nothing to repeat yet: start, after '(' or '|'
        int lastOp = -1;          // start of the repetition operator just read, or -1
        boolean lazy = false;     // that operator already took its one lazy '?'
        while (i < re.length()) {
            char c = re.charAt(i);
            if (c == '*' || c == '+' || c == '?') {
                if (atomStart) throw new SyntaxError("missing argument to repetition operator", String.valueOf(c));
                if (lastOp >= 0) {
                    if (c != '?' || lazy) throw new SyntaxError("invalid nested repetition operator", re.substring(lastOp, i + 1));
                    lazy = true;
                } else {
                    lastOp = i;
                    lazy = false;
                }
                out.append(c);
                i++;
                continue;
            }
            if (c == '{' && repeatEnd(i) >= 0) {
                int close = repeatEnd(i);
                String op = re.substring(i, close + 1);
                if (atomStart) throw new SyntaxError("missing argument to repetition operator", op);
                if (lastOp >= 0) throw new SyntaxError("invalid nested repetition operator", re.substring(lastOp, close + 1));
                for (String n : op.substring(1, op.length() - 1).split(",", -1)) {
                    if (!n.isEmpty() && (n.length() > 4 || Integer.parseInt(n) > MAX_REPEAT)) {
                        throw new SyntaxError("invalid repeat count", op);
                    }
                }
                out.append(op);
                lastOp = i;
                lazy = false;
                i = close + 1;
                continue;
            }
            lastOp = -1;
            atomStart = false;
            switch (c) {
                case '\\' -> escape(false);
                case '[' -> charClass();
                case '(' -> {
                    group();
                    atomStart = true;
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

    /** Copies one escape at {@code i}; \Q...\E is copied whole. */
    private void escape(boolean inClass) {
        if (i + 1 >= re.length()) throw new SyntaxError("trailing backslash at end of expression", "");
        char d = re.charAt(i + 1);
        if ((d >= '1' && d <= '9') || (Character.isLetter(d) && d < 128 && RE2_LETTER_ESCAPES.indexOf(d) < 0)) {
            throw new SyntaxError("invalid escape sequence", "\\" + d);
        }
        if (inClass && "AbBzQE".indexOf(d) >= 0 && d != 'b') {
            throw new SyntaxError("invalid escape sequence", "\\" + d);
        }
        if (d == 'Q') {
            int e = re.indexOf("\\E", i + 2);
            int stop = e < 0 ? re.length() : e + 2;
            out.append(re, i, stop);
            i = stop;
            return;
        }
        out.append('\\').append(d);
        i += 2;
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
            char c = re.charAt(i);
            if (c == ']' && !first) {
                out.append(']');
                i++;
                return;
            }
            first = false;
            if (c == '\\') {
                escape(true);
            } else if (c == '[' && re.startsWith("[:", i)) {
                posixClass();
            } else if (c == '[' || c == ']' || c == '&') {
                out.append('\\').append(c);
                i++;
            } else {
                out.append(c);
                i++;
            }
        }
        throw new SyntaxError("missing closing ]", re.substring(open) + ")$");
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

    /** Copies a group opening, checking (?...) forms against what RE2 supports. */
    private void group() {
        if (!re.startsWith("(?", i)) {
            out.append('(');
            i++;
            return;
        }
        if (re.startsWith("(?P<", i)) { // RE2's named group; Java spells it (?<name>
            out.append("(?<");
            i += 4;
            return;
        }
        int j = i + 2;
        while (j < re.length() && RE2_FLAGS.indexOf(re.charAt(j)) >= 0) j++;
        boolean valid = j < re.length() && (re.charAt(j) == ':' || (re.charAt(j) == ')' && j > i + 2));
        if (!valid) {
            int shown = Math.min(re.length(), Math.max(j + 1, i + 3));
            throw new SyntaxError("invalid or unsupported Perl syntax", re.substring(i, shown));
        }
        out.append(re, i, j + 1);
        i = j + 1;
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
