package dev.fleetform.compiler.promql;

import com.google.re2j.GoParseLimits;
import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

import java.util.HashSet;
import java.util.Set;

/**
 * Compiles a label matcher's regular expression as Prometheus 2.42 does: Go's RE2 syntax,
 * anchored as {@code ^(?:re)$}, with RE2/J (a port of Go's {@code regexp}). RE2/J 1.6 parses as
 * Go 1.19 does, with these exceptions, which this class corrects so that verdict and message are
 * Go's: it lacks the limits Go added later ({@link GoParseLimits}); it takes a backslash before a
 * non-ASCII character as that character; it refuses a capture name used twice, and an operator
 * after a literal '{' ({@code {*}); and it words two errors differently. (RE2/J 1.7 accepts
 * {@code (?<name>}, which Go accepts only from 1.22: stay on 1.6 or refuse it here.) Random
 * testing against promtool 2.42 (15,000 generated expressions; PromtoolRegexFuzzTest keeps
 * 2,000 of them) found no other difference.
 *
 * <p>Known differences, all exotic: when one expression has several errors, the one reported
 * may differ from Go's (Go stops at the first it meets; the limits are checked after the
 * syntax); when a count over the limit is written {@code {n}} and an earlier, valid one
 * {@code {n,n}} (or the reverse), the message quotes the earlier spelling; Go's cap on the runes
 * of all character classes (32 M) is not modelled.
 */
final class PrometheusRegex {
    private static final Pattern NAMED_GROUP = Pattern.compile("\\(\\?P<(\\w+)>");
    /** Go's {n}, {n,} or {n,m}: numbers without leading zeros. */
    private static final Pattern REPEAT = Pattern.compile("\\{(0|[1-9][0-9]*)(,(0|[1-9][0-9]*)?)?}");

    /** A regular expression Prometheus would refuse; the message is Go's. */
    static final class SyntaxError extends RuntimeException {
        SyntaxError(String code, String fragment) {
            super("error parsing regexp: " + code + ": `" + fragment + "`", null, false, false);
        }
    }

    private PrometheusRegex() {
    }

    /**
     * Prometheus 2.42 compiles {@code ^(?:re)$} and then parses {@code re} alone, so a stray ')'
     * may pass the first step (closing the wrapper early) and fail the second: the fragment in
     * the message tells which step failed.
     */
    static Pattern compileAnchored(String re) {
        String wrapped = "^(?:" + re + ")$";
        Pattern anchored = Pattern.compile(accepted(wrapped, wrapped));
        accepted(re, re);
        return anchored;
    }

    /**
     * What RE2/J compiles to the pattern Go makes of {@code regexp}; a SyntaxError where Go
     * refuses it. {@code whole} is what Go quotes when it quotes the whole expression.
     */
    private static String accepted(String regexp, String whole) {
        int escape = nonAsciiEscape(regexp);
        if (escape >= 0) {
            // Go stops at the first error: one in the text before this escape comes first, unless
            // it is a bracket the rest of the text would have closed.
            try {
                accepted(regexp.substring(0, escape), whole);
            } catch (SyntaxError earlier) {
                if (!earlier.getMessage().contains(": missing closing ")) throw earlier;
            }
            throw new SyntaxError("invalid escape sequence", regexp.substring(escape, regexp.offsetByCodePoints(escape, 2)));
        }
        String re2j = regexp;
        while (true) {
            SyntaxError error = error(re2j, regexp, whole);
            if (error == null) return re2j;
            re2j = goAccepts(re2j, error);
            if (re2j == null) throw error;
        }
    }

    /**
     * Where RE2/J refuses what Go accepts: the text rewritten so that RE2/J accepts it and
     * matches the same strings, else null.
     */
    private static String goAccepts(String re2j, SyntaxError error) {
        String m = error.getMessage();
        if (m.contains(": duplicate capture group name: ")) return uniqueNames(re2j); // Go 1.19 allows it
        String nested = "invalid nested repetition operator: `";
        int at = m.indexOf(nested);
        if (at >= 0) {
            // RE2/J takes a '{' that is a literal (no valid count follows) as a repetition before
            // the next operator; escaped, it is the same literal.
            String fragment = m.substring(at + nested.length(), m.length() - 1);
            if (fragment.startsWith("{") && !REPEAT.matcher(fragment).lookingAt()) {
                int brace = unescaped(re2j, fragment);
                if (brace >= 0) return re2j.substring(0, brace) + "\\" + re2j.substring(brace);
            }
        }
        return null;
    }

    /** The first occurrence of {@code text} not preceded by an escaping backslash, or -1. */
    private static int unescaped(String regexp, String text) {
        for (int at = regexp.indexOf(text); at >= 0; at = regexp.indexOf(text, at + 1)) {
            int backslashes = 0;
            while (at - backslashes > 0 && regexp.charAt(at - backslashes - 1) == '\\') backslashes++;
            if (backslashes % 2 == 0) return at;
        }
        return -1;
    }

    /**
     * Go's error for {@code re2j}, or null. {@code original} is the text {@code re2j} was made
     * from, and {@code whole} the expression Go quotes when it quotes the whole.
     */
    private static SyntaxError error(String re2j, String original, String whole) {
        GoParseLimits.Exceeded exceeded;
        try {
            exceeded = GoParseLimits.check(re2j);
        } catch (PatternSyntaxException e) {
            return goError(e, re2j, whole);
        }
        if (exceeded == null) return null;
        return new SyntaxError(exceeded.code(), exceeded.repeat() == null ? whole : spelling(exceeded.repeat(), original));
    }

    private static SyntaxError goError(PatternSyntaxException e, String re2j, String whole) {
        String code = e.getDescription();
        String fragment = e.getPattern();
        if (code.equals("regexp/syntax: internal error") && fragment.equals("stack underflow")) {
            return new SyntaxError("unexpected )", whole); // a ')' without its '('
        }
        if (code.equals("invalid named capture") && re2j.contains(fragment + ">")) {
            fragment += ">"; // Go quotes the name's closing '>' too
        }
        return new SyntaxError(code, fragment.equals(re2j) ? whole : fragment);
    }

    /** The expression with each repeated capture name made unique: Go 1.19 allows repeats. */
    private static String uniqueNames(String regexp) {
        Set<String> seen = new HashSet<>();
        StringBuilder out = new StringBuilder();
        Matcher m = NAMED_GROUP.matcher(regexp);
        int k = 0;
        while (m.find()) {
            String name = m.group(1);
            while (!seen.add(name)) name = m.group(1) + "_" + k++;
            m.appendReplacement(out, Matcher.quoteReplacement("(?P<" + name + ">"));
        }
        return m.appendTail(out).toString();
    }

    /**
     * Where a backslash escapes a non-ASCII character (Go refuses it, RE2/J takes the character
     * literally), or -1. Every backslash starts an escape whose first character is its kind;
     * only {@code \Q...\E}, {@code \x} and {@code \p} escapes span more than two characters.
     */
    private static int nonAsciiEscape(String regexp) {
        int i = regexp.indexOf('\\');
        while (i >= 0 && i + 1 < regexp.length()) {
            char kind = regexp.charAt(i + 1);
            if (kind >= 128) return i;
            int end = switch (kind) {
                case 'Q' -> quoteEnd(regexp, i + 2);
                case 'x' -> hexEscapeEnd(regexp, i + 2);
                case 'p', 'P' -> unicodeClassEnd(regexp, i + 2);
                default -> i + 2;
            };
            // No end: the rest is quoted, or the escape is malformed and RE2/J reports it, first.
            if (end < 0) return -1;
            i = regexp.indexOf('\\', end);
        }
        return -1;
    }

    /** The end of a {@code \\Q} quote whose text starts at {@code at}, or -1 if it is not closed. */
    private static int quoteEnd(String regexp, int at) {
        int close = regexp.indexOf("\\E", at);
        return close < 0 ? -1 : close + 2;
    }

    /** The end of a {@code \\p} escape whose name starts at {@code at}, or -1 if it has none. */
    private static int unicodeClassEnd(String regexp, int at) {
        if (at >= regexp.length()) return -1;
        if (regexp.charAt(at) != '{') return regexp.offsetByCodePoints(at, 1);
        int close = regexp.indexOf('}', at);
        return close < 0 ? -1 : close + 1;
    }

    /** The end of the digits of a {@code \x} escape whose digits start at {@code at}, or -1 if malformed. */
    private static int hexEscapeEnd(String regexp, int at) {
        if (at < regexp.length() && regexp.charAt(at) == '{') {
            int close = regexp.indexOf('}', at);
            return close > at + 1 && regexp.substring(at + 1, close).chars().allMatch(PrometheusRegex::isHex) ? close + 1 : -1;
        }
        return at + 2 <= regexp.length() && isHex(regexp.charAt(at)) && isHex(regexp.charAt(at + 1)) ? at + 2 : -1;
    }

    private static boolean isHex(int c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    /**
     * The repetition as written: Go quotes the operator's text, and {@code {n}} and {@code {n,n}}
     * parse alike, so the earlier of the two in the expression is taken.
     */
    private static String spelling(GoParseLimits.Repeat r, String regexp) {
        String lazy = r.lazy() ? "?" : "";
        if (r.max() == -1) return "{" + r.min() + ",}" + lazy;
        String full = "{" + r.min() + "," + r.max() + "}" + lazy;
        if (r.min() != r.max()) return full;
        String shortForm = "{" + r.min() + "}" + lazy;
        int atFull = regexp.indexOf(full);
        int atShort = regexp.indexOf(shortForm);
        return atFull >= 0 && (atShort < 0 || atFull < atShort) ? full : shortForm;
    }
}
