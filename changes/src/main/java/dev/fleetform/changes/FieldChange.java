package dev.fleetform.changes;

/**
 * One changed field of a resource, e.g. {@code level: 6 -> 5}. Values are JSON-like (String,
 * Number, Boolean, List, Map); {@code null} means absent.
 */
public record FieldChange(String path, Object before, Object after) {
}
