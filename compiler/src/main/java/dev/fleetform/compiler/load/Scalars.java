package dev.fleetform.compiler.load;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * Typing of plain scalars that YAML 1.1 reads as numbers. Only canonical decimals become numbers
 * ({@code 12}, {@code -3}, {@code 1.5}); anything written another way ({@code 0755}, {@code 0x1F},
 * {@code 1_000}, {@code +5}, {@code 1.10}, {@code 1e3}, {@code .5}, {@code -0}) keeps its written
 * text as a string, so no value silently changes (an octal mode stays "0755", a version "1.10" is
 * not 1.1) and the schema reports "expected integer" where a number was meant.
 */
final class Scalars {

    private Scalars() {}

    static JsonNode number(JsonParser parser, JsonNodeFactory nodes) throws IOException {
        String text = parser.getText();
        if (isCanonicalInteger(text)) {
            return switch (parser.getNumberType()) {
                case INT -> nodes.numberNode(parser.getIntValue());
                case LONG -> nodes.numberNode(parser.getLongValue());
                default -> nodes.numberNode(parser.getBigIntegerValue());
            };
        }
        if (isCanonicalDecimal(text)) return decimal(text, nodes);
        return nodes.textNode(text);
    }

    /** A canonical decimal: a double when it holds the written value exactly as written (shortest form), else exact. */
    static JsonNode decimal(String text, JsonNodeFactory nodes) {
        double d = Double.parseDouble(text);
        BigDecimal exact = new BigDecimal(text);
        return BigDecimal.valueOf(d).compareTo(exact) == 0 ? nodes.numberNode(d) : nodes.numberNode(exact);
    }

    /** {@code 0}, or an optional minus then a digit 1-9 and more digits; not {@code -0}. */
    static boolean isCanonicalInteger(String s) {
        int i = s.startsWith("-") ? 1 : 0;
        int n = s.length();
        if (i == n) return false;
        if (s.charAt(i) == '0') return n == 1;
        return allDigits(s, i, n);
    }

    /**
     * An optional minus, an integer part without leading zeros, a dot and a fraction that ends in a
     * non-zero digit (or is exactly {@code 0}, as in {@code 1.0}).
     */
    static boolean isCanonicalDecimal(String s) {
        int dot = s.indexOf('.');
        if (dot < 0) return false;
        int i = s.startsWith("-") ? 1 : 0;
        if (dot == i) return false;
        if (s.charAt(i) == '0' ? dot != i + 1 : !allDigits(s, i, dot)) return false;
        int n = s.length();
        if (dot + 1 == n || !allDigits(s, dot + 1, n)) return false;
        return s.charAt(n - 1) != '0' || n == dot + 2;
    }

    private static boolean allDigits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return false;
        }
        return true;
    }
}
