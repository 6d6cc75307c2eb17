package dev.fleetform.compiler.model;

import dev.fleetform.compiler.diag.Origin;

import java.util.Map;

/** Alerts whose labels equal {@code match} go to {@code receiver}; first match wins. */
public record Route(Map<String, String> match, String receiver, Origin origin) {
}
