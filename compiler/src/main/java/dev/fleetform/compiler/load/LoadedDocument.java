package dev.fleetform.compiler.load;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The loaded fleet: the include-merged document (null when nothing usable was read; the reasons
 * are in the diagnostics) and where each of its pointers was written.
 */
public record LoadedDocument(JsonNode document, SourceMap sources) {}
