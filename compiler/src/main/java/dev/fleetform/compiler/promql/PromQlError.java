package dev.fleetform.compiler.promql;

/**
 * Why Prometheus would refuse an expression.
 *
 * @param offset  0-based index in the expression where Prometheus places the error (its column
 *                minus one for a one-line expression; Prometheus counts bytes, this counts chars)
 * @param message Prometheus' message, without its {@code line:col: parse error: } prefix
 */
public record PromQlError(int offset, String message) {
}
