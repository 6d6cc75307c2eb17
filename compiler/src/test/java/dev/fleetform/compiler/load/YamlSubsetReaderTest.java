package dev.fleetform.compiler.load;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fleetform.compiler.diag.Diagnostics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * YamlSubsetReader against SnakeYAML (see {@link SubsetDifferential}): the repository's YAML
 * files, snippets that must take the fast path, snippets that must give up, hostile scalars in
 * every position, and seeded random documents.
 */
class YamlSubsetReaderTest {

    private static final Path REPO = Path.of("..");

    @Test
    void exampleFleetAndItsIncludesTakeTheFastPath() throws IOException {
        List<Path> files = new ArrayList<>(List.of(REPO.resolve("fleet-repo-example/fleet.yaml")));
        try (Stream<Path> hosts = Files.list(REPO.resolve("fleet-repo-example/hosts"))) {
            hosts.sorted().forEach(files::add);
        }
        assertTrue(files.size() > 1, "the example fleet includes host files");
        for (Path file : files) {
            String text = decode(file);
            assertTrue(SubsetDifferential.check(file.toString(), text), file + " must take the fast path");
            assertTrue(SubsetDifferential.check(file + " (CRLF)", text.replace("\n", "\r\n")), file + " with CRLF must take the fast path");
        }
    }

    @Test
    void everyYamlFileOfTheRepositoryReadsAsWithSnakeYamlOrGivesUp() throws IOException {
        int files = 0;
        int accepted = 0;
        for (String dir : List.of("compiler/src/test/resources", "cli/src/test/resources", "fleet-repo-example")) {
            List<Path> yaml;
            try (Stream<Path> walk = Files.walk(REPO.resolve(dir))) {
                yaml = walk.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
            }
            for (Path file : yaml) {
                String text = decode(file);
                if (text == null) continue; // not UTF-8 on purpose; never reaches a YAML reader
                files++;
                if (SubsetDifferential.check(file.toString(), text)) accepted++;
            }
        }
        assertTrue(files > 30, "found the repository's YAML files: " + files);
        // eleven give up: the broken gallery's duplicate key, anchors (24, 33), tab, block scalar (a
        // pasted private key), surrogate escape and tags, the example repository's two CI files
        // (block scalars) and the reconciler's deploy/rbac.yaml and deploy/reconciler.yaml
        // (Kubernetes manifests, not fleets: several documents); the rest are fleets
        assertTrue(accepted >= files - 11, accepted + " of " + files + " files took the fast path");
    }

    @Test
    void theBrokenGallerysYamlProblemsGiveUp() throws IOException {
        for (String name : List.of("23-duplicate-key.yaml", "24-yaml-anchor-alias.yaml", "25-tab-indentation.yaml",
                "32-lone-surrogate-escape.yaml", "33-scalar-anchor.yaml", "34-explicit-tag.yaml")) {
            Path file = REPO.resolve("fleet-repo-example/broken").resolve(name);
            assertFalse(SubsetDifferential.check(file.toString(), decode(file)), name + " must be left to SnakeYAML");
        }
    }

    @Test
    void theSubsetTakesTheFastPath() {
        for (String text : PLAIN) {
            assertTrue(SubsetDifferential.check("snippet", text), () -> "must take the fast path:\n" + text);
            assertTrue(SubsetDifferential.check("snippet (CRLF)", text.replace("\n", "\r\n")), () -> "must take the fast path with CRLF:\n" + text);
        }
    }

    @Test
    void everythingElseGivesUp() {
        for (String text : GIVE_UP) {
            assertFalse(SubsetDifferential.check("snippet", text), () -> "must give up:\n" + text);
        }
    }

    @Test
    void hostileScalarsReadAsWithSnakeYamlInEveryPosition() {
        int accepted = 0;
        int total = 0;
        for (String scalar : HOSTILE) {
            for (String form : List.of(scalar, "'" + scalar.replace("'", "''") + "'", doubleQuoted(scalar))) {
                for (String doc : List.of(
                        "k: " + form + "\n",
                        "k: " + form + "   # note\n",
                        "k:\n  - " + form + "\n  - x\n",
                        "k: [" + form + ", x]\n",
                        "k: {a: " + form + ", b: x}\n",
                        form + ": v\n",
                        "k: {" + form + ": v}\n",
                        "- " + form + "\n")) {
                    total++;
                    if (SubsetDifferential.check("hostile " + scalar, doc)) accepted++;
                }
            }
        }
        assertTrue(accepted > total / 2, "most hostile scalars are in the subset once quoted: " + accepted + " of " + total);
    }

    @Test
    void hostileScalarsThatAreInTheSubsetTakeTheFastPath() {
        for (String scalar : List.of("yes", "no", "on", "Off", "y", "n", "true", "False", "TRUE", "null", "~", "Null", "NULL",
                "2001-12-14", "=", "12", "-3", "0", "1.5", "-0.25", "1.0", "2147483647", "2147483648", "-2147483648",
                "-2147483649", "123456789012345678", "0.1", "3.14159", "10.0.0.1", "1.2.3", "4Gi", "a#b", "x-y", "-x",
                "http://h:80/p", "é", "😀 emoji", "a  b", "x]")) {
            assertTrue(SubsetDifferential.check("scalar", "k: " + scalar + "\n"), () -> "must take the fast path: " + scalar);
            assertTrue(SubsetDifferential.check("scalar", "k: '" + scalar + "'\n"), () -> "must take the fast path quoted: " + scalar);
        }
    }

    @Test
    void randomDocumentsReadAsWithSnakeYaml() {
        int accepted = 0;
        int documents = 3000;
        for (int seed = 0; seed < documents; seed++) {
            RandomYaml random = new RandomYaml(seed);
            String text = random.document();
            if (SubsetDifferential.check("random seed " + seed, text)) accepted++;
        }
        // mutated and hostile documents give up; most documents are in the subset
        assertTrue(accepted > documents / 3, accepted + " of " + documents + " random documents took the fast path");
    }

    @Test
    void aByteOrderMarkIsDroppedBeforeEitherReaderSeesTheText() {
        byte[] utf8 = "a: é\nb: [😀, x]\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] withBom = new byte[utf8.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(utf8, 0, withBom, 3, utf8.length);
        String text = SourceText.decode(withBom, "bom.yaml", new Diagnostics());
        assertTrue(SubsetDifferential.check("after a byte order mark", text), "must take the fast path");
    }

    @Test
    void givingUpLeavesAnIncludedFilesTableUntouched() {
        // SubsetDifferential checks this for every give-up; here a give-up found only deep in the file
        String text = "a: 1\nb:\n  c: [x, y]\n  d: {e: f}\n  g: &anchor x\n";
        assertFalse(SubsetDifferential.check("late give-up", text));
    }

    private static String decode(Path file) throws IOException {
        return SourceText.decode(Files.readAllBytes(file), file.toString(), new Diagnostics());
    }

    static String doubleQuoted(String text) {
        StringBuilder sb = new StringBuilder("\"");
        text.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                default -> {
                    if (c < 0x20 || c > 0x7E) sb.append(String.format(c > 0xFFFF ? "\\U%08x" : "\\u%04x", c));
                    else sb.appendCodePoint(c);
                }
            }
        });
        return sb.append('"').toString();
    }

    /** Scalars that YAML 1.1, SnakeYAML or Jackson read in surprising ways. */
    static final List<String> HOSTILE = List.of(
            "yes", "no", "on", "off", "Yes", "NO", "y", "n", "true", "True", "TRUE", "false", "FALSE", "tRUE",
            "null", "Null", "NULL", "nULL", "~", "", " ", "0755", "0o17", "1_000", "0x1F", "0b101", "1e3", "1E-3", ".5", "5.",
            "-0", "+0", "+5", "-5", "00", "0.0", "-0.0", "1.10", "1.0", "1.00", "12:30", "1:20:30", "12:30.5", "190:20:30",
            "2001-12-14", "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10 -5", "=", "<<", ".inf", "-.Inf", ".NaN",
            "2147483647", "2147483648", "-2147483648", "-2147483649", "9223372036854775807", "9223372036854775808",
            "12345678901234567890123", "0.1", "0.30000000000000004", "3.141592653589793238462643", "1234567890.5",
            "a: b", "a:b", "a :b", "it's", "\"q\"", "é", "\u00e9\t", "tab\there", "back\\slash", "😀", "x 😀 y", "a#b", "a #b",
            "#x", "# x", "* x", "*x", "&x", "!x", "!!str x", "%x", "@x", "`x", "|", ">", "| x", "> x", "? x", "?x", ": x", ":x", "-",
            "- x", "-x", "--", "---", "...", "[]", "{}", "[x]", "{x: y}", "x,y", "x]", "x}", "{x", "key with spaces",
            "trailing  ", "  leading", "a  b", "http://h:80/p?q=1#f", "\\u00e9", "\u0085", "\u2028", "\ufeff", "\u007f",
            "\u0001", "x\ry", "a\nb", "C:\\path", "$HOME", "100%", "50 %");

    /** Texts that must take the fast path. */
    static final List<String> PLAIN = List.of(
            "a: 1\n",
            "a: 1",
            "a: b\nc: d\n",
            "a:\n  b: 1\n  c:\n    d: x\n",
            "list:\n  - a\n  - b\n",
            "list:\n- a\n- b\nnext: 1\n",
            "hosts:\n  - name: x\n    vms:\n      - name: v\n        cpus: 2\n  - name: y\n",
            "hosts:\n  - name: x\n    vms:\n    - name: v\n    - name: w\n  - name: y\n",
            "-   name: a\n    b: 1\n- name: c\n",
            "- a\n- b\n",
            "- [a, b]\n- {c: d}\n",
            "a: [x, y, [z, {k: v}]]\n",
            "a: { b: c, d: [e, f] }\n",
            "a: {b: c,d: e}\n",
            "a: []\nb: {}\nc: [[], {}]\nd: {e: [], f: {}}\n",
            "a: [ ]\nb: { }\n",
            "a: [x,\n    y,\n    z]\n",
            "a: [x, # first\n    y]\n",
            "a:\n  - { name: n, on: s,\n      more: [x] }\n",
            "a: [\n  x,\n  y\n  ]\n",
            "a: [x\n  , y]\n",
            "a: [x,\n\n    # comment line\n    y]\n",
            "a:\n",
            "a:\nb: 1\n",
            "a:   \nb:\n",
            "a: # nothing\nb: x\n",
            "- a:\n  b: 1\n",
            "x:\n  a:\n  b:\n",
            "a: 'it''s'\nb: \"say \\\"hi\\\"\"\n",
            "a: \"\\u00e9\\t\\x41\\U0001F600\\0\\a\\b\\n\\v\\f\\r\\e\\ \\\\\\N\\_\\L\\P\"\n",
            "a: ''\nb: \"\"\n",
            "a: \"  spaced  \"\n",
            "a: \"tab\tinside\"\n",
            "'quoted key': 1\n\"other\": 2\n",
            "key with spaces: v\n",
            "a  : b\n",
            "a:    b\n",
            "a: b   \n",
            "a: b # c\n",
            "a: b#c\n",
            "a: mining/ore-keypair#id.json\n",
            "a: http://h:9000/hook\n",
            "a: {url: http://h:9000/hook}\n",
            "a: x{y, z}[w]\n",
            "expr: rate(x{a=\"b\", c=~\"d.*\"}[5m]) < 0.5 * sum(y)\n",
            "a: yes\nb: on\nc: ~\nd: null\ne: true\nf: 2001-12-14\n",
            "a: é\nb: 😀 x\nc: [😀, é]\n😀: x\nd: {é: 😀, f: g}\n",
            "😀😀: [😀, x]\n",
            "# comment\n\n   # indented comment\na: 1\n\n\n# trailing\n",
            "a: 1\n  # deeper comment\nb: 2\n",
            "  a: 1\n  b: 2\n",
            "a:\n    b: 1\n    c: 2\n",
            "a: 1\nb: -1\nc: 1.5\nd: 12345678901\ne: 0\nf: -0.5\ng: 2147483648\n",
            "a: -x\nb: [-x, -1]\n",
            "a: 'x: y'\nb: \"[z]\"\n",
            "a: x\n\n\nb: y\n",
            "a:\n" + nested(YamlTreeReader.MAX_DEPTH - 1));

    /** Texts that must give up (each is an error, a warning, or outside the subset). */
    static final List<String> GIVE_UP = List.of(
            "",
            "\n\n",
            "# only a comment\n",
            "---\na: 1\n",
            "a: 1\n---\nb: 2\n",
            "a: 1\n...\n",
            "%YAML 1.1\n---\na: 1\n",
            "a: 1\na: 2\n",
            "a: {b: 1, b: 2}\n",
            "a: &x 1\nb: *x\n",
            "a: *x\n",
            "a: !!str 1\n",
            "a: !tag x\n",
            "<<: {a: 1}\n",
            "a: {<<: x}\n",
            "? a\n: b\n",
            "a: @x\n",
            "a: `x\n",
            "a: |\n  text\n",
            "a: >-\n  text\n",
            "a: one\n  two\n",
            "a: one\n\n  two\n",
            "a: 'one\n  two'\n",
            "a: \"one\n  two\"\n",
            "a: \"one\\\n  two\"\n",
            "a: [x,\ny]\n",
            "a: [x\n  y]\n",
            "a: {b:\n  c}\n",
            "a: [x, y,]\n",
            "a: [x, y\n",
            "a: {b}\n",
            "a: {b: }\n",
            "a: [b: c]\n",
            "a:\tb\n",
            "a: b\t\n",
            "\ta: b\n",
            "a:\n\t- b\n",
            "a: b # tab\tin comment\n",
            "a: b\rc: d\n",
            "a: b\u0085c: d\n",
            "a: b\u2028\n",
            "a: b\u2029\n",
            "a: \ufeffb\n",
            "a: b\u0007\n",
            "a: \u007f\n",
            "a: \ufffe\n",
            "a: \ud800\n",
            "a: x\udc00\n",
            "a: 0755\n",
            "a: 1_000\n",
            "a: 0x1F\n",
            "a: 1e3\n",
            "a: .5\n",
            "a: -0\n",
            "a: 1.10\n",
            "a: 12:30\n",
            "a: 9223372036854775807\n",
            "a: +5\n",
            "a: b: c\n",
            "a: b:\n",
            "a: - b\n",
            "- - a\n",
            "-\n  a: 1\n",
            "a:\n  b\n",
            "a:\n  [x]\n",
            "a: [x] y\n",
            "a: 'x' y\n",
            "a: \"x\"#c\n",
            "a: 1\n- b\n",
            "a:\n  - x\n  b: 1\n",
            "a:\n    b: 1\n  c: 2\n",
            "a: x\n b: y\n",
            "scalar\n",
            "[a, b]\n",
            "{a: b}\n",
            "\"quoted\"\n",
            "a: \"\\/\"\n",
            "a: \"\\q\"\n",
            "a: \"\\uD800\"\n",
            "a: \"\\U00110000\"\n",
            "?x: y\n",
            ":x: y\n",
            "a: [x?y]\n",
            "a: {x:y}\n",
            "a: {\"x\":y}\n",
            "a: [x,#c\n  y]\n",
            "a: x\n  # comment\n  b: c\n",
            ("k".repeat(1100)) + ": v\n",
            "a: " + "x".repeat(YamlTreeReader.MAX_LINE) + "\n",
            "a:\n" + nested(YamlTreeReader.MAX_DEPTH + 1));

    /** {@code depth} mappings nested in block style. */
    static String nested(int depth) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < depth; i++) sb.append("  ".repeat(i + 1)).append("k").append(i).append(":\n");
        return sb.toString();
    }
}
