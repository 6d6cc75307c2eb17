package dev.fleetform.compiler.emit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import dev.fleetform.compiler.work.Workers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one way YAML and JSON outputs are written: built as objects (maps, lists, records), then
 * serialised by Jackson, which quotes every string that a YAML reader could take for something
 * else ({@code yes}, {@code null}, {@code 0755}, {@code "* x"}, {@code "a: b"}). Use
 * {@link java.util.LinkedHashMap}/{@link java.util.TreeMap} so key order, and thus bytes, are
 * deterministic.
 */
public final class Serializers {

    private static final Yaml11Quoting QUOTING = new Yaml11Quoting();

    /** Jackson over SnakeYAML: what the YAML outputs look like; {@link FastYamlGenerator} writes the same bytes faster. */
    private static final ObjectMapper SNAKEYAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .stringQuotingChecker(QUOTING)
            .build());

    /**
     * The SnakeYAML writer: databind's settings for {@link FastYamlGenerator}, the writer of scalar
     * documents, and what FastYamlGeneratorTest compares with.
     */
    static final ObjectWriter YAML = SNAKEYAML.writer();

    static final ObjectWriter JSON = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .writer(new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n")));

    /** Documents whose key order is part of their meaning (plan JSON, diagnostics JSON). */
    private static final ObjectWriter JSON_IN_ORDER = new ObjectMapper().writerWithDefaultPrettyPrinter();

    private Serializers() {
    }

    /**
     * Jackson quotes what a YAML 1.2 reader would misread; Ansible (PyYAML) and SnakeYAML are
     * YAML 1.1 readers, which also turn {@code 0x1F}, {@code 1_000}, {@code 1:20} (base 60),
     * {@code 2001-12-14}, {@code .inf} and {@code =} into non-strings. Anything starting like a
     * number, a special float, a value key or a merge key is therefore quoted too.
     */
    static final class Yaml11Quoting extends StringQuotingChecker.Default {
        @Override
        public boolean needToQuoteName(String name) {
            return super.needToQuoteName(name) || mayResolveAsNonString(name);
        }

        @Override
        public boolean needToQuoteValue(String value) {
            return super.needToQuoteValue(value) || mayResolveAsNonString(value);
        }

        private static boolean mayResolveAsNonString(String s) {
            if (s.isEmpty()) return true;
            char c = s.charAt(0);
            return (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.' || c == '=' || c == '<' || c == '~';
        }
    }

    public static String yaml(Object value) {
        return new String(yamlBytes(value), StandardCharsets.UTF_8);
    }

    /**
     * {@link #yaml(Object)} as UTF-8 bytes, written as bytes: for artefacts, which are bytes, this
     * skips building a string of the whole document first.
     */
    public static byte[] yamlBytes(Object value) {
        try {
            if (isScalar(value)) return YAML.writeValueAsBytes(value);
            ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
            try (FastYamlGenerator g = fastYaml(out)) {
                YAML.writeValue(g, value);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FastYamlGenerator fastYaml(ByteArrayOutputStream out) {
        return new FastYamlGenerator(out, SNAKEYAML, QUOTING);
    }

    /**
     * YAML documents each after a {@code ---} line, as kubectl writes them: the bytes of
     * {@code "---\n" + yaml(v)} for each value in turn.
     */
    public static byte[] yamlStreamBytes(List<?> values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        if (values.isEmpty()) return out.toByteArray();
        if (values.stream().anyMatch(Serializers::isScalar)) {
            // in a stream the emitter writes a scalar document as "--- value" and then "..."
            for (Object v : values) {
                out.writeBytes(DOCUMENT_START);
                out.writeBytes(yamlBytes(v));
            }
            return out.toByteArray();
        }
        // One generator for all documents, which starts every document but the first with "---".
        out.writeBytes(DOCUMENT_START);
        try (FastYamlGenerator g = fastYaml(out); SequenceWriter docs = YAML.writeValues(g)) {
            for (Object v : values) docs.write(v);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static final byte[] DOCUMENT_START = "---\n".getBytes(StandardCharsets.UTF_8);

    private static boolean isScalar(Object v) {
        return v == null || v instanceof CharSequence || v instanceof Number || v instanceof Boolean
                || v instanceof Character || v instanceof Enum<?>;
    }

    /**
     * {@link #yamlBytes(Object)} of a large document, the same bytes, with the entries of the
     * mappings at the given key paths serialised in chunks on {@code workers} (a 50,000-host
     * inventory takes seconds on one core).
     */
    public static byte[] yamlBytes(Map<String, ?> document, Set<List<String>> parallelMappings, Workers workers) {
        return ParallelYaml.yaml(document, parallelMappings, workers);
    }

    /**
     * Pretty JSON keeping the maps' own key order (use LinkedHashMap), with a final newline: for
     * documents read top-down by people and tools, such as a plan.
     */
    public static String jsonInOrder(Object value) {
        try {
            return JSON_IN_ORDER.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Pretty JSON with sorted map keys and a final newline. */
    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@link #json(Object)} as UTF-8 bytes, written as bytes. */
    public static byte[] jsonBytes(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try {
            JSON.writeValue(out, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.write('\n');
        return out.toByteArray();
    }
}
