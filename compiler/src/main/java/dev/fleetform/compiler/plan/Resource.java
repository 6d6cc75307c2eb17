package dev.fleetform.compiler.plan;

import java.util.Map;

/**
 * A desired resource: what one address should look like. Fields are JSON-like and compared
 * structurally.
 *
 * @param host the host it lives on, or null (Kubernetes objects, rule files, ...)
 */
public record Resource(String address, ResourceKind kind, String host, Map<String, Object> fields) {
}
