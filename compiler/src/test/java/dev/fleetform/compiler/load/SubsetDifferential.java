package dev.fleetform.compiler.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fleetform.compiler.diag.Diagnostics;

/**
 * Reads a text with {@link YamlSubsetReader} and with SnakeYAML ({@link YamlTreeReader}) and
 * checks the contract between them: when the subset reader accepts a text, SnakeYAML reads it
 * without a diagnostic into the same tree (same node classes, same key order) and the same
 * locations; when it gives up, it has left nothing in the table.
 */
final class SubsetDifferential {

    private SubsetDifferential() {}

    /** True if the subset reader accepted {@code text} (and agreed with SnakeYAML); fails the test otherwise. */
    static boolean check(String name, String text) {
        LocationTable fast = tableWithAnotherFile();
        String before = fast.describe();
        int file = fast.addFile(name);
        YamlTreeReader.Result subset = YamlSubsetReader.read(text, fast, file);
        if (subset == null) {
            assertEquals(before, fast.describe(), () -> name + ": giving up must leave the table as it was\n" + shown(text));
            return false;
        }
        LocationTable slow = tableWithAnotherFile();
        Diagnostics out = new Diagnostics();
        YamlTreeReader.Result snake = YamlTreeReader.readWithSnakeYaml(text, slow, slow.addFile(name), out);
        assertEquals("[]", out.sorted().toString(), () -> name + ": accepted a text SnakeYAML reports on\n" + shown(text));
        assertEquals(snake.root(), subset.root(), () -> name + ": tree differs\n" + shown(text));
        // JsonNode.equals ignores key order; the text does not
        assertEquals(snake.root().toString(), subset.root().toString(), () -> name + ": key order differs\n" + shown(text));
        assertEquals(snake.rootId(), subset.rootId(), () -> name + ": root id differs");
        assertEquals(slow.describe(), fast.describe(), () -> name + ": locations differ\n" + shown(text));
        return true;
    }

    /** A table that already holds another file's nodes, as when an included file is read. */
    private static LocationTable tableWithAnotherFile() {
        LocationTable table = new LocationTable();
        int main = table.addFile("main.yaml");
        YamlTreeReader.readWithSnakeYaml("a: 1\nb: [x, y]\n", table, main, new Diagnostics());
        return table;
    }

    private static String shown(String text) {
        return text.length() > 2000 ? text.substring(0, 2000) + "..." : text;
    }
}
