package dev.fleetform.compiler.emit;

import java.util.List;

/**
 * A YAML or JSON output file as the values it is serialised from. The planner reads the values
 * ({@link #readBack()}) instead of parsing the bytes back: the same trees, without writing and
 * re-reading the text.
 *
 * @param header text before the first document, e.g. comment lines; usually empty
 * @param values one value per document (several only for {@link Syntax#YAML_STREAM})
 */
public record DataArtefact(String path, Syntax syntax, String header, List<?> values) {

    public enum Syntax {
        /** One YAML document. */
        YAML,
        /** YAML documents each after a {@code ---} line, as kubectl writes them. */
        YAML_STREAM,
        /** One pretty JSON document with sorted map keys ({@link Serializers#json}). */
        JSON
    }

    public DataArtefact {
        values = List.copyOf(values);
        if (syntax != Syntax.YAML_STREAM && values.size() != 1) {
            throw new IllegalArgumentException(syntax + " holds one document, not " + values.size() + ": " + path);
        }
    }

    public static DataArtefact yaml(String path, Object value) {
        return new DataArtefact(path, Syntax.YAML, "", List.of(value));
    }

    public static DataArtefact yamlStream(String path, List<?> values) {
        return new DataArtefact(path, Syntax.YAML_STREAM, "", values);
    }

    public static DataArtefact json(String path, Object value) {
        return new DataArtefact(path, Syntax.JSON, "", List.of(value));
    }

    public DataArtefact withHeader(String header) {
        return new DataArtefact(path, syntax, header, values);
    }

    /** The file's exact bytes. */
    public Artefact artefact() {
        if (header.isEmpty()) {
            // straight to bytes: no string of the whole document to build and encode again
            return new Artefact(path, switch (syntax) {
                case YAML -> Serializers.yamlBytes(values.getFirst());
                case YAML_STREAM -> Serializers.yamlStreamBytes(values);
                case JSON -> Serializers.jsonBytes(values.getFirst());
            });
        }
        StringBuilder sb = new StringBuilder(header);
        for (Object v : values) {
            switch (syntax) {
                case YAML -> sb.append(Serializers.yaml(v));
                case YAML_STREAM -> sb.append("---\n").append(Serializers.yaml(v));
                case JSON -> sb.append(Serializers.json(v));
            }
        }
        return Artefact.text(path, sb.toString());
    }

    /** Each document as a YAML or JSON reader gets it back from {@link #artefact()}'s bytes. */
    public List<Object> readBack() {
        return values.stream().map(v -> syntax == Syntax.JSON ? ReadBack.json(v) : ReadBack.yaml(v)).toList();
    }
}
