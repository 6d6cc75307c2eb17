package dev.fleetform.compiler.gotemplate;

import dev.fleetform.compiler.promql.GoText;

import java.math.BigInteger;

/**
 * The parts of Go's {@code strconv} and {@code fmt.Sscan} the template parser uses to read
 * literals ({@code newNumber} in parse/node.go, {@code strconv.Unquote} for strings): only
 * whether they accept a literal, and Go's message when they do not. Values are not kept.
 */
final class Strconv {
    static final String INVALID_SYNTAX = "invalid syntax";
    private static final String OUT_OF_RANGE = "value out of range";
    private static final BigInteger MAX_UINT64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final BigInteger MAX_INT64 = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger MIN_INT64_MAGNITUDE = BigInteger.ONE.shiftLeft(63);

    private Strconv() {
    }

    /** The error of {@code newNumber} for a number token (not a character or complex constant). */
    static String numberError(String text) {
        // Imaginary constants can only be complex unless they are zero.
        if (text.endsWith("i") && parseFloat(text.substring(0, text.length() - 1)) == null) return null;
        if (parseUint(text) || parseInt(text)) return null;
        String floatError = parseFloat(text);
        if (floatError == null) {
            // Parsed as a float but looks like an integer: too large for an int.
            return containsAny(text, ".eEpP") ? null : "integer overflow: " + GoText.quote(text);
        }
        return "illegal number syntax: " + GoText.quote(text);
    }

    /** The error of {@code newNumber} for a character constant {@code 'x'}. */
    static String charConstantError(String text) {
        int tail = unquoteChar(text, 1, '\'');
        if (tail < 0) return INVALID_SYNTAX;
        if (!text.substring(tail).equals("'")) return "malformed character constant: " + text;
        return null;
    }

    /**
     * {@code strconv.Unquote} of a string token ({@code "..."} or a raw string): its value, or null
     * when Go refuses it. A {@code \x} escape gives the char of that byte value.
     */
    static String unquote(String s) {
        if (s.length() < 2) return null;
        char quote = s.charAt(0);
        if (quote == '`') {
            // Carriage returns are dropped from raw strings.
            return s.indexOf('`', 1) == s.length() - 1 ? s.substring(1, s.length() - 1).replace("\r", "") : null;
        }
        if (quote != '"') return null;
        StringBuilder out = new StringBuilder(s.length());
        int i = 1;
        while (i < s.length() && s.charAt(i) != quote) {
            if (s.charAt(i) == '\n') return null;
            int after = unquoteChar(s, i, quote);
            if (after < 0) return null;
            out.appendCodePoint(charValue(s, i));
            i = after;
        }
        return i == s.length() - 1 ? out.toString() : null;
    }

    /** The value of the (valid) character or escape at {@code i}. */
    private static int charValue(String s, int i) {
        char c = s.charAt(i);
        if (c != '\\') return s.codePointAt(i);
        char escape = s.charAt(i + 1);
        return switch (escape) {
            case 'a' -> 7;
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'v' -> 11;
            case 'x' -> Integer.parseInt(s.substring(i + 2, i + 4), 16);
            case 'u' -> Integer.parseInt(s.substring(i + 2, i + 6), 16);
            case 'U' -> Integer.parseInt(s.substring(i + 2, i + 10), 16);
            case '0', '1', '2', '3', '4', '5', '6', '7' -> Integer.parseInt(s.substring(i + 1, i + 4), 8);
            default -> escape; // \\ \' \"
        };
    }

    /**
     * {@code strconv.UnquoteChar} on {@code s} from {@code i}: the index after the character or
     * escape, or -1 for Go's ErrSyntax.
     */
    static int unquoteChar(String s, int i, char quote) {
        if (i >= s.length()) return -1;
        char c = s.charAt(i);
        if (c == quote && (quote == '\'' || quote == '"')) return -1;
        if (c >= 0x80) return i + Character.charCount(s.codePointAt(i));
        if (c != '\\') return i + 1;
        if (i + 1 >= s.length()) return -1;
        char escape = s.charAt(i + 1);
        int p = i + 2;
        switch (escape) {
            case 'a', 'b', 'f', 'n', 'r', 't', 'v', '\\':
                return p;
            case 'x', 'u', 'U': {
                int n = escape == 'x' ? 2 : escape == 'u' ? 4 : 8;
                if (s.length() - p < n) return -1;
                long v = 0;
                for (int j = 0; j < n; j++) {
                    int x = Character.digit(s.charAt(p + j), 16);
                    if (x < 0 || s.charAt(p + j) >= 0x80) return -1;
                    v = v << 4 | x;
                }
                if (escape != 'x' && !validRune(v)) return -1;
                return p + n;
            }
            case '0', '1', '2', '3', '4', '5', '6', '7': {
                if (s.length() - p < 2) return -1;
                int v = escape - '0';
                for (int j = 0; j < 2; j++) {
                    int x = s.charAt(p + j) - '0';
                    if (x < 0 || x > 7) return -1;
                    v = (v << 3) | x;
                }
                return v > 255 ? -1 : p + 2;
            }
            case '\'', '"':
                return escape == quote ? p : -1;
            default:
                return -1;
        }
    }

    private static boolean validRune(long v) {
        return (v >= 0 && v < 0xD800) || (v > 0xDFFF && v <= 0x10FFFF);
    }

    // --- integers: strconv.ParseUint / ParseInt with base 0, 64 bits ---------------------------

    static boolean parseUint(String s0) {
        return uintValue(s0) != null;
    }

    static boolean parseInt(String s0) {
        if (s0.isEmpty()) return false;
        boolean negative = s0.charAt(0) == '-';
        String s = s0.charAt(0) == '+' || negative ? s0.substring(1) : s0;
        BigInteger u = uintValue(s);
        if (u == null) return false;
        return negative ? u.compareTo(MIN_INT64_MAGNITUDE) <= 0 : u.compareTo(MAX_INT64) <= 0;
    }

    /** The value of an unsigned literal (0x, 0o, 0b, leading-0 octal, underscores), or null. */
    private static BigInteger uintValue(String s0) {
        if (s0.isEmpty()) return null;
        String s = s0;
        int base = 10;
        if (s.charAt(0) == '0') {
            char prefix = s.length() >= 3 ? Character.toLowerCase(s.charAt(1)) : 0;
            switch (prefix) {
                case 'b' -> { base = 2; s = s.substring(2); }
                case 'o' -> { base = 8; s = s.substring(2); }
                case 'x' -> { base = 16; s = s.substring(2); }
                default -> { base = 8; s = s.substring(1); }
            }
        }
        StringBuilder digits = new StringBuilder(s.length());
        boolean underscores = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '_') {
                underscores = true;
                continue;
            }
            int d;
            if ('0' <= c && c <= '9') d = c - '0';
            else if ('a' <= lower(c) && lower(c) <= 'z') d = lower(c) - 'a' + 10;
            else return null;
            if (d >= base) return null;
            digits.append(c);
        }
        if (underscores && !underscoreOk(s0)) return null;
        BigInteger value = digits.isEmpty() ? BigInteger.ZERO : new BigInteger(digits.toString(), base);
        return value.compareTo(MAX_UINT64) <= 0 ? value : null;
    }

    // --- floats: strconv.ParseFloat(s, 64) ------------------------------------------------------

    /** Null when Go parses {@code s} as a float64, else the reason (syntax or range). */
    static String parseFloat(String s) {
        int n = readFloat(s);
        if (n != s.length()) return INVALID_SYNTAX;
        double d = Double.parseDouble(s.replace("_", "").replace("P", "p").replace("X", "x"));
        return Double.isInfinite(d) ? OUT_OF_RANGE : null;
    }

    /**
     * Go's {@code readFloat}: how many chars of {@code s} form a float literal (decimal, or hex
     * with a mandatory p exponent, underscores between digits), or -1.
     */
    private static int readFloat(String s) {
        int i = 0;
        boolean underscores = false;
        if (i >= s.length()) return -1;
        if (s.charAt(i) == '+' || s.charAt(i) == '-') i++;
        boolean hex = false;
        char expChar = 'e';
        if (i + 2 < s.length() && s.charAt(i) == '0' && lower(s.charAt(i + 1)) == 'x') {
            i += 2;
            hex = true;
            expChar = 'p';
        }
        boolean sawDot = false;
        boolean sawDigits = false;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '_') {
                underscores = true;
            } else if (c == '.') {
                if (sawDot) break;
                sawDot = true;
            } else if (('0' <= c && c <= '9') || (hex && 'a' <= lower(c) && lower(c) <= 'f')) {
                sawDigits = true;
            } else {
                break;
            }
        }
        if (!sawDigits) return -1;
        if (i < s.length() && lower(s.charAt(i)) == expChar) {
            i++;
            if (i >= s.length()) return -1;
            if (s.charAt(i) == '+' || s.charAt(i) == '-') i++;
            if (i >= s.length() || s.charAt(i) < '0' || s.charAt(i) > '9') return -1;
            for (; i < s.length() && (('0' <= s.charAt(i) && s.charAt(i) <= '9') || s.charAt(i) == '_'); i++) {
                if (s.charAt(i) == '_') underscores = true;
            }
        } else if (hex) {
            return -1; // a hex float must have an exponent
        }
        if (underscores && !underscoreOk(s.substring(0, i))) return -1;
        return i;
    }

    /** Underscores only between digits, or between a base prefix and a digit. */
    private static boolean underscoreOk(String s) {
        char saw = '^';
        int i = 0;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) s = s.substring(1);
        boolean hex = false;
        if (s.length() >= 2 && s.charAt(0) == '0'
                && (lower(s.charAt(1)) == 'b' || lower(s.charAt(1)) == 'o' || lower(s.charAt(1)) == 'x')) {
            i = 2;
            saw = '0'; // the base prefix counts as a digit
            hex = lower(s.charAt(1)) == 'x';
        }
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (('0' <= c && c <= '9') || (hex && 'a' <= lower(c) && lower(c) <= 'f')) {
                saw = '0';
                continue;
            }
            if (c == '_') {
                if (saw != '0') return false;
                saw = '_';
                continue;
            }
            if (saw == '_') return false;
            saw = '!';
        }
        return saw != '_';
    }

    // --- complex: fmt.Sscan(text, &complex128) -------------------------------------------------

    /** The error of {@code fmt.Sscan} reading a complex token such as {@code 1+2i}, or null. */
    static String complexError(String text) {
        Scanner in = new Scanner(text);
        boolean parens = in.accept("(");
        String real = in.floatToken();
        in.buf.setLength(0);
        if (!in.accept("+-")) return "syntax error scanning complex number";
        String imagSign = in.buf.toString();
        String imag = in.floatToken();
        if (!in.accept("i")) return "syntax error scanning complex number";
        if (parens && !in.accept(")")) return "syntax error scanning complex number";
        String error = convertFloatError(real);
        return error != null ? error : convertFloatError(imagSign + imag);
    }

    /**
     * {@code ss.convertFloat}: fmt reads a 'p' exponent after decimal digits itself; a hex float
     * goes to ParseFloat whole.
     */
    private static String convertFloatError(String str) {
        int p = str.indexOf('p');
        if (p >= 0 && str.indexOf('x') < 0 && str.indexOf('X') < 0) {
            String error = parseFloat(str.substring(0, p));
            if (error != null) return numError("ParseFloat", str, error);
            error = atoiError(str.substring(p + 1));
            return error == null ? null : numError("Atoi", str, error);
        }
        String error = parseFloat(str);
        return error == null ? null : numError("ParseFloat", str, error);
    }

    /** {@code strconv.Atoi}: base 10, no prefix or underscores, fits in 64 bits; null when valid. */
    private static String atoiError(String s) {
        String digits = s.startsWith("+") || s.startsWith("-") ? s.substring(1) : s;
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) return INVALID_SYNTAX;
        BigInteger v = new BigInteger(digits);
        boolean fits = s.startsWith("-") ? v.compareTo(MIN_INT64_MAGNITUDE) <= 0 : v.compareTo(MAX_INT64) <= 0;
        return fits ? null : OUT_OF_RANGE;
    }

    private static String numError(String function, String num, String error) {
        return "strconv." + function + ": parsing " + GoText.quote(num) + ": " + error;
    }

    /** The bits of fmt's scanner that read a complex number's parts. */
    private static final class Scanner {
        private final String text;
        private int pos;
        final StringBuilder buf = new StringBuilder();

        Scanner(String text) {
            this.text = text;
        }

        boolean accept(String valid) {
            if (pos < text.length() && valid.indexOf(text.charAt(pos)) >= 0) {
                buf.append(text.charAt(pos++));
                return true;
            }
            return false;
        }

        String floatToken() {
            buf.setLength(0);
            if (accept("nN") && accept("aA") && accept("nN")) return buf.toString();
            accept("+-");
            if (accept("iI") && accept("nN") && accept("fF")) return buf.toString();
            String digits = "0123456789_";
            String exp = "eEpP";
            if (accept("0") && accept("xX")) {
                digits = "0123456789aAbBcCdDeEfF_";
                exp = "pP";
            }
            while (accept(digits)) {
                // absorb
            }
            if (accept(".")) {
                while (accept(digits)) {
                    // absorb
                }
            }
            if (accept(exp)) {
                accept("+-");
                while (accept("0123456789_")) {
                    // absorb
                }
            }
            return buf.toString();
        }
    }

    private static boolean containsAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) return true;
        }
        return false;
    }

    private static char lower(char c) {
        return (char) (c | ('x' - 'X'));
    }
}
