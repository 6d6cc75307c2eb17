package dev.fleetform.schema;

import java.io.InputStream;
import org.everit.json.schema.loader.SchemaClient;

/**
 * Refuses every remote {@code $ref}: everit would otherwise fetch it over the network, and the
 * schema must mean the same offline and cannot be swapped by whoever serves that URL.
 */
final class LocalSchemaClient implements SchemaClient {

    @Override
    public InputStream get(String url) {
        throw new IllegalStateException("fleet.schema.json must not reference remote schemas: " + url);
    }
}
