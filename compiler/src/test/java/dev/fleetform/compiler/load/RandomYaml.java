package dev.fleetform.compiler.load;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded random YAML documents, mostly in YamlSubsetReader's subset: block mappings and sequences
 * (indented and not), flow collections (nested, some over several lines), hostile scalars plain
 * and quoted, comments and blank lines everywhere, CRLF. One in five documents gets a random
 * character inserted, deleted or swapped, which takes many of them out of the subset.
 */
final class RandomYaml {

    private static final List<String> WORDS = List.of("name", "host", "a", "b", "vms", "labels", "key with spaces",
            "fs.file-max", "é", "😀", "x-y", "rack", "zone", "10", "true", "null", "~", "on");
    private static final String MUTATIONS = " \t:#-[]{},'\"&*!|>?%@`\n\r\\xé😀";

    private final SplittableRandom random;
    private final StringBuilder out = new StringBuilder();

    RandomYaml(long seed) {
        this.random = new SplittableRandom(seed);
    }

    String document() {
        if (random.nextInt(6) == 0) {
            sequence(0, 0);
        } else {
            mapping(random.nextInt(5) == 0 ? random.nextInt(1, 3) : 0, 0);
        }
        String text = out.toString();
        if (random.nextInt(5) == 0) text = mutate(text);
        if (random.nextInt(4) == 0) text = text.replace("\n", "\r\n");
        return text;
    }

    private void mapping(int indent, int depth) {
        int keys = random.nextInt(1, 5);
        for (int i = 0; i < keys; i++) {
            if (i > 0) filler(indent);
            out.append(" ".repeat(indent)).append(key()).append(':');
            value(indent, depth, true);
        }
    }

    private void sequence(int indent, int depth) {
        int items = random.nextInt(1, 4);
        for (int i = 0; i < items; i++) {
            if (i > 0) filler(indent);
            out.append(" ".repeat(indent)).append('-').append(" ".repeat(random.nextInt(1, 3)));
            int at = out.length() - out.lastIndexOf("\n") - 1;
            if (depth < 4 && random.nextInt(3) == 0) {
                // "- key: value" with more keys under the first
                out.append(key()).append(':');
                value(at, depth + 1, true);
                int more = random.nextInt(3);
                for (int k = 0; k < more; k++) {
                    out.append(" ".repeat(at)).append(key() + k).append(':');
                    value(at, depth + 1, true);
                }
            } else {
                inline(indent);
            }
        }
    }

    /** After "key:" (or an item's "key:"): an inline value, a nested block, or nothing. */
    private void value(int indent, int depth, boolean mayBeEmpty) {
        int choice = random.nextInt(depth < 4 ? 10 : 6);
        if (choice < 5) {
            out.append(" ".repeat(random.nextInt(1, 3)));
            inline(indent);
        } else if (choice == 5 && mayBeEmpty) {
            comment();
            out.append('\n');
        } else if (choice < 8) {
            comment();
            out.append('\n');
            filler(indent);
            mapping(indent + random.nextInt(1, 4), depth + 1);
        } else {
            comment();
            out.append('\n');
            filler(indent);
            sequence(indent + (random.nextBoolean() ? 0 : random.nextInt(1, 4)), depth + 1);
        }
    }

    /** A scalar or a flow collection, then the end of the line. */
    private void inline(int indent) {
        if (random.nextInt(4) == 0) {
            flow(indent, 0);
        } else {
            out.append(scalar(false));
        }
        comment();
        out.append('\n');
    }

    private void flow(int indent, int depth) {
        boolean list = random.nextBoolean();
        out.append(list ? '[' : '{').append(random.nextInt(4) == 0 ? " " : "");
        int entries = random.nextInt(4);
        for (int i = 0; i < entries; i++) {
            if (i > 0) {
                out.append(',');
                if (random.nextInt(5) == 0) {
                    if (random.nextBoolean()) out.append(" # note");
                    out.append('\n').append(" ".repeat(indent + random.nextInt(1, 6)));
                } else {
                    out.append(' ');
                }
            }
            if (!list) out.append(random.nextInt(3) == 0 ? quote(pick(WORDS)) : pick(WORDS) + i).append(": ");
            if (depth < 3 && random.nextInt(5) == 0) flow(indent, depth + 1);
            else out.append(scalar(true));
        }
        out.append(random.nextInt(4) == 0 ? " " : "").append(list ? ']' : '}');
    }

    private String key() {
        String word = pick(WORDS);
        return switch (random.nextInt(6)) {
            case 0 -> quote(word);
            case 1 -> pick(YamlSubsetReaderTest.HOSTILE);
            default -> word + random.nextInt(100);
        };
    }

    private String scalar(boolean inFlow) {
        String text = random.nextInt(3) == 0 ? pick(YamlSubsetReaderTest.HOSTILE) : pick(WORDS) + "-" + random.nextInt(1000);
        if (random.nextInt(4) == 0) return String.valueOf(random.nextInt(-5000, 5000));
        if (random.nextInt(6) == 0) return random.nextInt(-100, 100) + "." + random.nextInt(1, 1000);
        return switch (random.nextInt(inFlow ? 4 : 5)) {
            case 0 -> quote(text);
            case 1 -> YamlSubsetReaderTest.doubleQuoted(text);
            default -> text;
        };
    }

    private String quote(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /** Sometimes a trailing comment. */
    private void comment() {
        if (random.nextInt(5) == 0) out.append(" ".repeat(random.nextInt(1, 4))).append("# ").append(pick(WORDS));
    }

    /** Sometimes blank lines and whole-line comments, at any indentation. */
    private void filler(int indent) {
        while (random.nextInt(4) == 0) {
            if (random.nextBoolean()) out.append(" ".repeat(random.nextInt(0, indent + 4))).append("# ").append(pick(WORDS));
            else out.append(" ".repeat(random.nextInt(3)));
            out.append('\n');
        }
    }

    private String mutate(String text) {
        if (text.isEmpty()) return text;
        int at = random.nextInt(text.length());
        String c = String.valueOf(Character.toChars(MUTATIONS.codePointAt(MUTATIONS.offsetByCodePoints(0, random.nextInt(MUTATIONS.codePointCount(0, MUTATIONS.length()))))));
        if (Character.isLowSurrogate(text.charAt(at))) at--;
        return switch (random.nextInt(3)) {
            case 0 -> text.substring(0, at) + c + text.substring(at);
            case 1 -> text.substring(0, at) + text.substring(text.offsetByCodePoints(at, 1));
            default -> text.substring(0, at) + c + text.substring(text.offsetByCodePoints(at, 1));
        };
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }
}
