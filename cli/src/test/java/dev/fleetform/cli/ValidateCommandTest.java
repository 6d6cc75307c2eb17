package dev.fleetform.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ValidateCommandTest {

    static final String VALID = """
            apiVersion: fleetform.dev/v1
            kind: Fleet
            metadata: { name: lab }
            hosts:
              - name: st-01
                address: 10.0.1.11
                hardware:
                  cpu: { cores: 16 }
                  memoryGiB: 64
                  disks:
                    - { name: d1, device: /dev/sdb, sizeGiB: 100, media: ssd }
                    - { name: d2, device: /dev/sdc, sizeGiB: 100, media: ssd }
                storage:
                  raid:
                    - { name: md0, level: 1, devices: [d1, d2] }
            """;

    /** A misspelt key on line 7. */
    static final String TYPO = VALID.replace("address: 10.0.1.11", "address: 10.0.1.11\n    adress: 10.0.1.12");

    @TempDir
    Path tmp;

    private Path write(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void validFleetExitsZeroAndSaysWhatItChecked() throws IOException {
        Cli r = Cli.run("validate", write("fleet.yaml", VALID).toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains(": valid (1 host, 0 VMs"), r.out());
        assertEquals("", r.err());
    }

    @Test
    void invalidFleetPrintsFileLineColRuleAndHintAndExitsOne() throws IOException {
        Path f = write("fleet.yaml", TYPO);
        Cli r = Cli.run("validate", f.toString());
        assertEquals(1, r.exit());
        assertTrue(r.out().contains(f + ":7:5: error[SCHEMA-UNKNOWN-KEY]: "), r.out());
        assertTrue(r.out().contains("did you mean 'address'?"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("  hint: ")), r.out());
        assertFalse(r.out().contains("Exception"), r.out());
    }

    @Test
    void jsonFormatIsAVersionedDocument() throws IOException {
        Cli r = Cli.run("validate", "--format", "json", write("fleet.yaml", TYPO).toString());
        assertEquals(1, r.exit());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertEquals("1", doc.get("format_version").asText());
        assertFalse(doc.get("valid").asBoolean());
        JsonNode first = doc.get("diagnostics").get(0);
        assertEquals(7, first.get("line").asInt());
        assertEquals(5, first.get("column").asInt());
        assertEquals("SCHEMA-UNKNOWN-KEY", first.get("rule").asText());
    }

    @Test
    void githubFormatPrintsWorkflowAnnotations() throws IOException {
        Path f = write("fleet.yaml", TYPO);
        Cli r = Cli.run("validate", "--format", "github", f.toString());
        assertEquals(1, r.exit());
        String line = r.out().lines().filter(l -> l.startsWith("::error ")).findFirst().orElseThrow();
        assertTrue(line.startsWith("::error file=" + f.toString().replace(":", "%3A") + ",line=7,col=5,title=SCHEMA-UNKNOWN-KEY::"), line);
        assertTrue(line.contains("%0Ahint: "), "the hint is on the annotation's second line: " + line);
    }

    @Test
    void missingFileIsALocatedErrorNotAStackTrace() {
        Path missing = tmp.resolve("nope.yaml");
        Cli r = Cli.run("validate", missing.toString());
        assertEquals(1, r.exit());
        assertTrue(r.out().contains(missing + ":1:1: error[FILE-NOT-FOUND]"), r.out());
        assertFalse((r.out() + r.err()).contains("at dev.fleetform"), "no stack trace");
    }

    @Test
    void aDirectoryIsRefusedClearly() {
        Cli r = Cli.run("validate", tmp.toString());
        assertEquals(1, r.exit());
        assertTrue(r.out().contains("error[FILE-NOT-REGULAR]"), r.out());
    }

    @Test
    void unknownFormatIsAUsageError() throws IOException {
        Cli r = Cli.run("validate", "--format", "xml", write("fleet.yaml", VALID).toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("use text, json or github"), r.err());
    }

    @Test
    void defaultsToFleetYamlInTheCurrentDirectory() {
        // picocli default: ./fleet.yaml; from the module directory there is none, so it is reported
        Cli r = Cli.run("validate");
        assertEquals(1, r.exit());
        assertTrue(r.out().contains("fleet.yaml:1:1: error[FILE-NOT-FOUND]"), r.out());
    }

    @Test
    void internalErrorsAreOneLineUnlessDebug() {
        StringBuilderWriter w = new StringBuilderWriter();
        int code = FleetformCommand.internalError(new IllegalStateException("boom\nsecond line"), false, w.printer());
        assertEquals(70, code);
        assertEquals("fleetform: internal error: IllegalStateException: boom (this is a bug; run again with --debug for details)\n",
                w.toString());
        StringBuilderWriter d = new StringBuilderWriter();
        FleetformCommand.internalError(new IllegalStateException("boom"), true, d.printer());
        assertTrue(d.toString().contains("at dev.fleetform.cli.ValidateCommandTest"), "stack trace with --debug");
    }

    @Test
    void schemaCommandPrintsDraft07Schema() throws IOException {
        Cli r = Cli.run("schema");
        assertEquals(0, r.exit());
        JsonNode schema = new ObjectMapper().readTree(r.out());
        assertEquals("http://json-schema.org/draft-07/schema#", schema.get("$schema").asText());
    }

    /** A PrintWriter whose text can be read back. */
    static final class StringBuilderWriter {
        private final java.io.StringWriter sw = new java.io.StringWriter();

        java.io.PrintWriter printer() {
            return new java.io.PrintWriter(sw, true);
        }

        @Override
        public String toString() {
            return sw.toString();
        }
    }
}
