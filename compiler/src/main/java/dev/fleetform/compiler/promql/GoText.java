package dev.fleetform.compiler.promql;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Go's text formatting where Prometheus' messages use it ({@code %q}, {@code %#U}, {@code %f}); also
 * used by the Go template port ({@code gotemplate}), whose messages quote the same way.
 */
public final class GoText {
    private GoText() {
    }

    /** {@code strconv.Quote}: double quotes, Go escapes, printable characters kept. */
    public static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        s.codePoints().forEach(c -> appendEscaped(b, c, '"'));
        return b.append('"').toString();
    }

    /** {@code strconv.QuoteRune}: {@code 'x'}; end of input (-1) prints as U+FFFD, as in Go. */
    static String quoteRune(int c) {
        StringBuilder b = new StringBuilder("'");
        appendEscaped(b, c < 0 ? 0xFFFD : c, '\'');
        return b.append('\'').toString();
    }

    /** {@code %#U}: {@code U+0071 'q'}. */
    public static String unicode(int c) {
        String hex = String.format("U+%04X", c);
        return isPrint(c) ? hex + " '" + new String(Character.toChars(c)) + "'" : hex;
    }

    /** {@code %f}: the exact binary value with six decimals, {@code +Inf}, {@code NaN}. */
    static String fixed(double d) {
        if (Double.isNaN(d)) return "NaN";
        if (Double.isInfinite(d)) return d > 0 ? "+Inf" : "-Inf";
        return new BigDecimal(d).setScale(6, RoundingMode.HALF_EVEN).toPlainString();
    }

    private static void appendEscaped(StringBuilder b, int c, char quote) {
        if (c == quote || c == '\\') {
            b.append('\\').appendCodePoint(c);
        } else if (isPrint(c)) {
            b.appendCodePoint(c);
        } else {
            switch (c) {
                case 7 -> b.append("\\a");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case 11 -> b.append("\\v");
                default -> {
                    if (c < 0x80) b.append(String.format("\\x%02x", c));
                    else if (c < 0x10000) b.append(String.format("\\u%04x", c));
                    else b.append(String.format("\\U%08x", c));
                }
            }
        }
    }

    /** Go's {@code unicode.IsPrint}: graphic characters and the ASCII space. */
    private static boolean isPrint(int c) {
        if (c == ' ') return true;
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                 Character.UNASSIGNED, Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR,
                 Character.PARAGRAPH_SEPARATOR -> false;
            default -> true;
        };
    }
}
