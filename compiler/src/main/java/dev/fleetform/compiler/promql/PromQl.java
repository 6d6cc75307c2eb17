package dev.fleetform.compiler.promql;

import java.util.Optional;

/**
 * Checks PromQL expressions as Prometheus 2.42 parses them ({@code promql/parser.ParseExpr}, what
 * {@code promtool check rules} runs): lexing, grammar, and type checks, with Prometheus' first
 * error message at its position. Nothing is evaluated.
 */
public final class PromQl {
    private PromQl() {
    }

    /**
     * Empty when Prometheus accepts {@code expr}; otherwise its first error, or the limit of this
     * checker that {@code expr} goes beyond.
     */
    public static Optional<PromQlError> check(String expr) {
        try {
            Expr parsed = new Parser(new Lexer(expr)).parse();
            TypeChecker.check(parsed, expr);
            return Optional.empty();
        } catch (PromQlException e) {
            return Optional.of(new PromQlError(e.offset, e.getMessage(), e.source));
        } catch (StackOverflowError e) {
            // Only a pathologically long chain of operators gets here (nesting is limited earlier,
            // and label regexes are parsed by RE2/J, which does not recurse): Prometheus accepts it.
            return Optional.of(new PromQlError(0, "expression too complex to check", PromQlError.Source.CHECKER_LIMIT));
        }
    }
}
