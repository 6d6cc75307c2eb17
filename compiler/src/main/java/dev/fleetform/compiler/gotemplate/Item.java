package dev.fleetform.compiler.gotemplate;

import dev.fleetform.compiler.promql.GoText;

import java.nio.charset.StandardCharsets;

/**
 * A token: its type, where it starts (a char index into the template), its text, and the line
 * it starts on.
 */
record Item(ItemType type, int pos, String val, int line) {
    /** What Go's lexer hands out once it has stopped (a closed channel yields zero items). */
    static final Item ZERO = new Item(ItemType.ERROR, 0, "", 0);

    /** Go's {@code item.String()}, as parse errors print a token. */
    String describe() {
        if (type == ItemType.EOF) return "EOF";
        if (type == ItemType.ERROR) return val;
        if (type.keyword()) return "<" + val + ">";
        // %.10q... : over ten bytes, the first ten characters quoted, then an ellipsis.
        if (val.getBytes(StandardCharsets.UTF_8).length > 10) {
            int end = val.offsetByCodePoints(0, Math.min(10, val.codePointCount(0, val.length())));
            return GoText.quote(val.substring(0, end)) + "...";
        }
        return GoText.quote(val);
    }
}
