package dev.fleetform.compiler.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fleetform.compiler.diag.Diagnostic;
import dev.fleetform.compiler.diag.Diagnostics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** A fleet directory in a temp folder, loaded the way the CLI loads it (display names relative to the temp folder's parent). */
final class Fixture {

    private final Path dir;

    Fixture(Path tempDir) {
        this.dir = tempDir.resolve("fleet");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path dir() {
        return dir;
    }

    Fixture write(String path, String text) {
        return write(path, text.getBytes(StandardCharsets.UTF_8));
    }

    Fixture write(String path, byte[] bytes) {
        try {
            Path file = dir.resolve(path);
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads fleet/fleet.yaml with the fleet directory given as "fleet" (as a user in its parent would). */
    Loaded load() {
        return load("fleet.yaml");
    }

    Loaded load(String path) {
        Diagnostics out = new Diagnostics();
        LoadedDocument doc = FleetLoader.load(new DisplaySource(dir), path, out);
        return new Loaded(doc.document(), doc.sources(), out.sorted());
    }

    /** Names files "fleet/..." whatever the temp folder is, so tests can assert exact locations. */
    private static final class DisplaySource implements FleetSource {
        private final FileSystemSource files;

        DisplaySource(Path dir) {
            this.files = new FileSystemSource(dir);
        }

        @Override
        public byte[] read(String path, long maxBytes) throws FleetSourceException {
            return files.read(path, maxBytes);
        }

        @Override
        public List<String> glob(String pattern) throws FleetSourceException {
            return files.glob(pattern);
        }

        @Override
        public String displayName(String path) {
            return "fleet/" + path;
        }
    }

    record Loaded(JsonNode document, SourceMap sources, List<Diagnostic> diagnostics) {

        /** "file:line:col: error[RULE]: message" lines, as the CLI prints them. */
        List<String> lines() {
            return diagnostics.stream()
                    .map(d -> d.location() + ": " + d.severity().label() + "[" + d.ruleId() + "]: " + d.message())
                    .collect(Collectors.toList());
        }

        void assertClean() {
            assertEquals(List.of(), lines(), "no diagnostics expected");
        }

        /** Exactly one diagnostic, with this rule at this place; returns it for more checks. */
        Diagnostic single(String ruleId, String location) {
            assertEquals(1, diagnostics.size(), () -> "expected one diagnostic, got " + lines());
            Diagnostic d = diagnostics.get(0);
            assertEquals(ruleId, d.ruleId(), () -> lines().toString());
            assertEquals(location, d.location().toString(), () -> lines().toString());
            return d;
        }

        void assertMessageContains(Diagnostic d, String part) {
            assertTrue(d.message().contains(part), () -> "message '" + d.message() + "' should contain '" + part + "'");
        }

        String locate(String pointer) {
            return sources.locate(pointer).toString();
        }

        String locateValue(String pointer) {
            return sources.locateValue(pointer).toString();
        }
    }
}
