package dev.fleetform.compiler.emit;

import java.nio.charset.StandardCharsets;

/**
 * One compiled output file: a relative path under the output directory (forward slashes) and
 * its exact bytes. Emitters produce artefacts; only the compile command writes them.
 */
public record Artefact(String path, byte[] bytes) {

    public static Artefact text(String path, String text) {
        return new Artefact(path, text.getBytes(StandardCharsets.UTF_8));
    }

    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
