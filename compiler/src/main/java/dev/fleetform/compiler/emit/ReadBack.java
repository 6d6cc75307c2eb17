package dev.fleetform.compiler.emit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.util.TokenBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a YAML or JSON reader (Jackson, into {@code Object}) gets back from the text
 * {@link Serializers} writes for a value, computed from the value without writing text: maps as
 * {@link LinkedHashMap} in the written key order, lists as {@link ArrayList}, whole numbers as
 * {@link Integer} when they fit (else {@link Long}, {@link BigInteger}), other numbers as
 * {@link Double}, strings, booleans and nulls as themselves. Serializers quotes every string a
 * reader could take for another type, so strings stay strings.
 */
public final class ReadBack {
    private static final ObjectReader TREE = new ObjectMapper().readerFor(Object.class);

    private ReadBack() {
    }

    public static Object yaml(Object value) {
        return plain(value, false);
    }

    public static Object json(Object value) {
        return plain(value, true);
    }

    /** @param sortKeys JSON output orders map entries by key (a sorted map keeps its own order) */
    private static Object plain(Object v, boolean sortKeys) {
        if (v == null || v instanceof String || v instanceof Boolean) return v;
        if (v instanceof Number n) return number(n);
        if (v instanceof Map<?, ?> m && stringKeys(m)) {
            Map<?, ?> ordered = sortKeys && !(m instanceof SortedMap) ? new TreeMap<>(m) : m;
            Map<String, Object> out = new LinkedHashMap<>(Math.max(4, ordered.size() * 4 / 3 + 1));
            for (var e : ordered.entrySet()) out.put((String) e.getKey(), plain(e.getValue(), sortKeys));
            return out;
        }
        if (v instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>(c.size());
            for (Object x : c) out.add(plain(x, sortKeys));
            return out;
        }
        return viaJackson(v, sortKeys);
    }

    private static boolean stringKeys(Map<?, ?> m) {
        for (Object k : m.keySet()) if (!(k instanceof String)) return false;
        return true;
    }

    /** Beans (fabric8 objects, records, enums): the tokens their serialisers write, read as a tree. */
    private static Object viaJackson(Object v, boolean json) {
        ObjectWriter writer = json ? Serializers.JSON : Serializers.YAML;
        try (TokenBuffer tokens = new TokenBuffer(null, false)) {
            writer.writeValue(tokens, v);
            return numbers(TREE.readValue(tokens.asParser()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The tree read from tokens keeps the written number types: give them the parsed types. */
    private static Object numbers(Object v) {
        if (v instanceof Number n) return number(n);
        if (v instanceof Map<?, ?> m) {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) m;
            map.replaceAll((k, x) -> numbers(x));
        } else if (v instanceof List<?> l) {
            @SuppressWarnings("unchecked")
            List<Object> list = (List<Object>) l;
            list.replaceAll(ReadBack::numbers);
        }
        return v;
    }

    /** As a parser types a number it reads: the smallest of int, long, BigInteger; else double. */
    static Number number(Number n) {
        if (n instanceof Integer) return n;
        if (n instanceof Long || n instanceof Short || n instanceof Byte) {
            long l = n.longValue();
            if (l == (int) l) return Integer.valueOf((int) l); // not a ?: that would box both as Long
            return Long.valueOf(l);
        }
        if (n instanceof BigInteger b) return b.bitLength() < 64 ? number(b.longValue()) : b;
        if (n instanceof Double) return n;
        if (n instanceof Float f) return Double.parseDouble(f.toString()); // written as Float.toString
        if (n instanceof BigDecimal d) return Double.parseDouble(d.toString());
        throw new IllegalArgumentException("no reading rule for a " + n.getClass().getName());
    }
}
