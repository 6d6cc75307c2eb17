package dev.fleetform.compiler;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.fleetform.compiler.diag.Diagnostics;
import dev.fleetform.compiler.diag.Location;
import dev.fleetform.compiler.load.SourceMap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * TEMPORARY until FleetLoader lands: a plain Jackson parse with every location at 1:1, so the
 * facade and the test helper have their final shape now. Delete when the real loader is wired.
 */
final class StopgapLoader {
    private StopgapLoader() {
    }

    record Loaded(JsonNode document, SourceMap sources) {
    }

    private static final YAMLMapper MAPPER = new YAMLMapper(YAMLFactory.builder()
            .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS).build());

    static Loaded load(Path file, Diagnostics out) {
        String name = file.toString();
        SourceMap unknown = new SourceMap() {
            public Location locate(String pointer) {
                return Location.ofFile(name);
            }

            public Location locateValue(String pointer) {
                return Location.ofFile(name);
            }
        };
        try {
            return new Loaded(MAPPER.readTree(Files.readAllBytes(file)), unknown);
        } catch (NoSuchFileException e) {
            out.error("FILE-NOT-FOUND", Location.ofFile(name), "no such file", null);
        } catch (JacksonException e) {
            out.error("YAML-SYNTAX", Location.ofFile(name), e.getOriginalMessage(), null);
        } catch (IOException e) {
            out.error("FILE-UNREADABLE", Location.ofFile(name), String.valueOf(e.getMessage()), null);
        }
        return new Loaded(null, unknown);
    }
}
