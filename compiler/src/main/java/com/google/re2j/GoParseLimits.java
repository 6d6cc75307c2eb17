package com.google.re2j;

/**
 * The limits Go's {@code regexp/syntax} (1.19, what Prometheus 2.42 is built with) puts on a
 * parsed expression and RE2/J 1.6 does not: nesting height, program size, and repeat counts
 * multiplied through nested repetitions. Each is measured, as Go measures it, on the parse tree,
 * which RE2/J keeps package-private: hence this one class in RE2/J's package.
 */
public final class GoParseLimits {
    private static final int MAX_HEIGHT = 1000;
    private static final long MAX_SIZE = (128 << 20) / 40; // 128 MB of Go's 40-byte instructions
    private static final int MAX_REPEAT = 1000;

    /**
     * A limit {@code regexp} exceeds: Go's error code and, for a repeat count, the repetition
     * at fault (its bounds, -1 for none, and whether it is lazy), else null.
     */
    public record Exceeded(String code, Repeat repeat) {
    }

    public record Repeat(int min, int max, boolean lazy) {
    }

    /**
     * The first of Go's limits {@code regexp} exceeds, in the order Go checks a node, or null.
     *
     * @throws PatternSyntaxException when RE2/J refuses the syntax itself
     */
    public static Exceeded check(String regexp) {
        Regexp re = Parser.parse(regexp, RE2.PERL);
        if (height(re, 1) > MAX_HEIGHT) return new Exceeded("expression nests too deeply", null);
        // Go 1.19's backport of the size limit (as Debian's Prometheus 2.42 has it) reports an
        // internal error; later Go says "expression too large".
        if (size(re) > MAX_SIZE) return new Exceeded("regexp/syntax: internal error", null);
        Regexp bad = invalidRepeat(re);
        return bad == null ? null
                : new Exceeded("invalid repeat count", new Repeat(bad.min, bad.max, (bad.flags & RE2.NON_GREEDY) != 0));
    }

    /** Go's calcHeight, stopping once past the limit so that the walk stays shallow. */
    private static int height(Regexp re, int depth) {
        if (depth > MAX_HEIGHT) return depth;
        int h = 1;
        for (Regexp sub : subs(re)) {
            h = Math.max(h, 1 + height(sub, depth + 1));
            if (depth + h > MAX_HEIGHT + 1) break;
        }
        return h;
    }

    /** Go's calcSize: an estimate of the compiled program's length. */
    private static long size(Regexp re) {
        long size = switch (re.op) {
            case LITERAL -> re.runes.length;
            case CAPTURE, STAR -> 2 + size(re.subs[0]);
            case PLUS, QUEST -> 1 + size(re.subs[0]);
            case CONCAT -> sum(re.subs);
            case ALTERNATE -> sum(re.subs) + Math.max(0, re.subs.length - 1);
            case REPEAT -> {
                long sub = size(re.subs[0]);
                if (re.max == -1) yield re.min == 0 ? 2 + sub : 1 + re.min * sub;
                yield re.max * sub + (re.max - re.min);
            }
            default -> 0;
        };
        return Math.max(1, size);
    }

    private static long sum(Regexp[] subs) {
        long total = 0;
        for (Regexp sub : subs) total += size(sub);
        return total;
    }

    /**
     * The first repetition, in the order Go parses them (innermost first, left to right), whose
     * count times the counts of the repetitions inside it exceeds 1000: Go's repeatIsValid, which
     * it runs on each {@code {n,m}} with n or m at least 2.
     */
    private static Regexp invalidRepeat(Regexp re) {
        for (Regexp sub : subs(re)) {
            Regexp bad = invalidRepeat(sub);
            if (bad != null) return bad;
        }
        boolean checked = re.op == Regexp.Op.REPEAT && (re.min >= 2 || re.max >= 2);
        return checked && !repeatIsValid(re, MAX_REPEAT) ? re : null;
    }

    private static boolean repeatIsValid(Regexp re, int n) {
        if (re.op == Regexp.Op.REPEAT) {
            int m = re.max;
            if (m == 0) return true;
            if (m < 0) m = re.min;
            if (m > n) return false;
            if (m > 0) n /= m;
        }
        for (Regexp sub : subs(re)) {
            if (!repeatIsValid(sub, n)) return false;
        }
        return true;
    }

    private static Regexp[] subs(Regexp re) {
        return re.subs == null ? Regexp.EMPTY_SUBS : re.subs;
    }

    private GoParseLimits() {
    }
}
