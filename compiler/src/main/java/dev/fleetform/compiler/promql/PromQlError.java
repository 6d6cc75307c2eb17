package dev.fleetform.compiler.promql;

/**
 * Why an expression is refused.
 *
 * @param offset  0-based index in the expression where Prometheus places the error (its column
 *                minus one for a one-line expression; Prometheus counts bytes, this counts chars)
 * @param message Prometheus' message, without its {@code line:col: parse error: } prefix; or,
 *                for {@link Source#CHECKER_LIMIT}, what this checker cannot follow
 * @param source  who refuses it
 */
public record PromQlError(int offset, String message, Source source) {

    public enum Source {
        /** Prometheus refuses the expression, with this message. */
        PROMETHEUS,
        /** The expression goes beyond what this checker follows; Prometheus may accept it. */
        CHECKER_LIMIT
    }
}
