package dev.fleetform.compiler.promql;

import java.time.Duration;
import java.util.List;

/**
 * A parsed PromQL expression (Prometheus' {@code ast.go}, for what checking needs). Positions are
 * 0-based offsets into the expression: {@code start} inclusive, {@code end} exclusive.
 */
sealed interface Expr {

    int start();

    int end();

    ValueType type();

    /** An {@code @} modifier: a timestamp in seconds, or {@code start()} / {@code end()}. */
    record At(Double seconds, String preprocessor) {
    }

    record NumberLiteral(double value, int start, int end) implements Expr {
        public ValueType type() {
            return ValueType.SCALAR;
        }
    }

    record StringLiteral(String value, int start, int end) implements Expr {
        public ValueType type() {
            return ValueType.STRING;
        }
    }

    /**
     * @param name     the metric name written before the braces, or "" (it is also the last matcher)
     * @param offset   {@link Duration#ZERO} when there is no offset modifier
     * @param at       null when there is no {@code @} modifier
     */
    record VectorSelector(String name, List<LabelMatcher> matchers, Duration offset, At at, int start, int end)
            implements Expr {
        public ValueType type() {
            return ValueType.VECTOR;
        }

        VectorSelector withOffset(Duration o, int newEnd) {
            return new VectorSelector(name, matchers, o, at, start, newEnd);
        }

        VectorSelector withAt(At a, int newEnd) {
            return new VectorSelector(name, matchers, offset, a, start, newEnd);
        }
    }

    /** A range selector; its offset and {@code @} live on the inner selector, as in Prometheus. */
    record MatrixSelector(VectorSelector selector, Duration range, int end) implements Expr {
        public int start() {
            return selector.start();
        }

        public ValueType type() {
            return ValueType.MATRIX;
        }
    }

    /** @param step {@link Duration#ZERO} when omitted ({@code [5m:]}) */
    record SubqueryExpr(Expr expr, Duration range, Duration step, Duration offset, At at, int end)
            implements Expr {
        public int start() {
            return expr.start();
        }

        public ValueType type() {
            return ValueType.MATRIX;
        }
    }

    record Call(Function function, List<Expr> args, int start, int end) implements Expr {
        public ValueType type() {
            return function.returnType();
        }
    }

    /** @param param the first argument of topk, bottomk, quantile and count_values, else null */
    record AggregateExpr(TokenType op, Expr expr, Expr param, List<String> grouping, boolean without,
                         int start, int end) implements Expr {
        public ValueType type() {
            return ValueType.VECTOR;
        }
    }

    enum Cardinality { ONE_TO_ONE, MANY_TO_ONE, ONE_TO_MANY }

    /**
     * @param on             true for {@code on(...)}, false for {@code ignoring(...)} or none
     * @param matchingLabels the labels of {@code on}/{@code ignoring}
     * @param include        the labels of {@code group_left}/{@code group_right}
     */
    record VectorMatching(Cardinality cardinality, boolean on, List<String> matchingLabels, List<String> include) {
        static final VectorMatching NONE = new VectorMatching(Cardinality.ONE_TO_ONE, false, List.of(), List.of());
    }

    record BinaryExpr(TokenType op, Expr lhs, Expr rhs, VectorMatching matching, boolean returnBool)
            implements Expr {
        public int start() {
            return lhs.start();
        }

        public int end() {
            return rhs.end();
        }

        public ValueType type() {
            return lhs.type() == ValueType.SCALAR && rhs.type() == ValueType.SCALAR ? ValueType.SCALAR : ValueType.VECTOR;
        }
    }

    record ParenExpr(Expr expr, int start, int end) implements Expr {
        public ValueType type() {
            return expr.type();
        }
    }

    record UnaryExpr(TokenType op, Expr expr, int start) implements Expr {
        public int end() {
            return expr.end();
        }

        public ValueType type() {
            return expr.type();
        }
    }
}
