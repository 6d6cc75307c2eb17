package dev.fleetform.compiler.emit;

/**
 * What emitters need besides the fleet: the template engine (built-ins shadowed by a fleet
 * repo's own {@code templates/}).
 */
public record EmitContext(Templates templates) {
}
