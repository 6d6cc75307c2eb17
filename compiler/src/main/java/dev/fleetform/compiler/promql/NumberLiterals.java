package dev.fleetform.compiler.promql;

import java.util.Locale;

/**
 * Number tokens as Prometheus reads them: {@code strconv.ParseInt(s, 0, 64)} (decimal, 0x hex,
 * 0 octal), else {@code strconv.ParseFloat(s, 64)}. Only forms the lexer can produce are handled:
 * digits, dots, exponents, hex digits after 0x, and the words inf and nan in any case.
 */
final class NumberLiterals {
    private NumberLiterals() {
    }

    /** The value, or null when Prometheus reports "error parsing number" ({@link #problem}). */
    static Double parse(String s) {
        Long asInt = parseInt(s);
        if (asInt != null) return asInt.doubleValue();
        String word = s.toLowerCase(Locale.ROOT);
        if (word.equals("inf")) return Double.POSITIVE_INFINITY;
        if (word.equals("nan")) return Double.NaN;
        if (!isDecimalFloat(s)) return null;
        double d = Double.parseDouble(s);
        return Double.isInfinite(d) ? null : d;
    }

    /** Go's error text for a number {@link #parse} refused. */
    static String problem(String s) {
        String why = isDecimalFloat(s) ? "value out of range" : "invalid syntax";
        return "strconv.ParseFloat: parsing " + GoText.quote(s) + ": " + why;
    }

    private static Long parseInt(String s) {
        int radix = 10;
        String digits = s;
        if (s.length() > 1 && s.charAt(0) == '0') {
            boolean hex = s.charAt(1) == 'x' || s.charAt(1) == 'X';
            radix = hex ? 16 : 8;
            digits = s.substring(hex ? 2 : 1);
        }
        if (digits.isEmpty()) return null;
        for (int i = 0; i < digits.length(); i++) {
            if (Character.digit(digits.charAt(i), radix) < 0 || digits.charAt(i) > 'f') return null;
        }
        try {
            return Long.parseLong(digits, radix);
        } catch (NumberFormatException tooBig) {
            return null;
        }
    }

    /** digits [. digits] [e [+-] digits], with at least one mantissa digit. */
    private static boolean isDecimalFloat(String s) {
        int i = 0;
        int n = s.length();
        int mantissaDigits = 0;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
            mantissaDigits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                mantissaDigits++;
            }
        }
        if (mantissaDigits == 0) return false;
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
            int exponentDigits = 0;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                exponentDigits++;
            }
            if (exponentDigits == 0) return false;
        }
        return i == n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
