package dev.fleetform.compiler.promql;

/**
 * The first error in an expression. Prometheus collects errors but reports the first; we stop
 * there, so this unwinds the lexer, parser or type checker to {@link PromQl#check}. It carries
 * no stack trace: it is a result, not a bug.
 */
final class PromQlException extends RuntimeException {
    final int offset;
    final PromQlError.Source source;

    PromQlException(int offset, String message) {
        this(offset, message, PromQlError.Source.PROMETHEUS);
    }

    PromQlException(int offset, String message, PromQlError.Source source) {
        super(message, null, false, false);
        this.offset = offset;
        this.source = source;
    }
}
