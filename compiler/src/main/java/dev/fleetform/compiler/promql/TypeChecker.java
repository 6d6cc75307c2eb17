package dev.fleetform.compiler.promql;

import dev.fleetform.compiler.promql.Expr.AggregateExpr;
import dev.fleetform.compiler.promql.Expr.BinaryExpr;
import dev.fleetform.compiler.promql.Expr.Call;
import dev.fleetform.compiler.promql.Expr.Cardinality;
import dev.fleetform.compiler.promql.Expr.MatrixSelector;
import dev.fleetform.compiler.promql.Expr.NumberLiteral;
import dev.fleetform.compiler.promql.Expr.ParenExpr;
import dev.fleetform.compiler.promql.Expr.StringLiteral;
import dev.fleetform.compiler.promql.Expr.SubqueryExpr;
import dev.fleetform.compiler.promql.Expr.UnaryExpr;
import dev.fleetform.compiler.promql.Expr.VectorSelector;

import java.util.List;

/**
 * Prometheus' {@code checkAST}: the type rules of a parsed expression, checked in the same order
 * (children before their parent, left before right) so the first error is the one Prometheus
 * reports first.
 */
final class TypeChecker {
    private final String input;

    private TypeChecker(String input) {
        this.input = input;
    }

    static void check(Expr e, String input) {
        new TypeChecker(input).typeOf(e);
    }

    private ValueType typeOf(Expr node) {
        switch (node) {
            case AggregateExpr a -> {
                expect(a.expr(), ValueType.VECTOR, "aggregation expression");
                if (a.op() == TokenType.TOPK || a.op() == TokenType.BOTTOMK || a.op() == TokenType.QUANTILE) {
                    expect(a.param(), ValueType.SCALAR, "aggregation parameter");
                }
                if (a.op() == TokenType.COUNT_VALUES) expect(a.param(), ValueType.STRING, "aggregation parameter");
            }
            case BinaryExpr b -> binary(b);
            case Call c -> call(c);
            case ParenExpr p -> typeOf(p.expr());
            case UnaryExpr u -> {
                ValueType t = typeOf(u.expr());
                if (t != ValueType.SCALAR && t != ValueType.VECTOR) {
                    fail(u.start(), "unary expression only allowed on expressions of type scalar or instant vector, got "
                            + GoText.quote(t.documented()));
                }
            }
            case SubqueryExpr s -> {
                ValueType t = typeOf(s.expr());
                if (t != ValueType.VECTOR) {
                    fail(s.start(), "subquery is only allowed on instant vector, got " + t.promName() + " instead");
                }
            }
            case MatrixSelector m -> typeOf(m.selector());
            case VectorSelector v -> selector(v);
            case NumberLiteral n -> {
                // a terminal
            }
            case StringLiteral s -> {
                // a terminal
            }
        }
        return node.type();
    }

    private void binary(BinaryExpr b) {
        ValueType lt = typeOf(b.lhs());
        ValueType rt = typeOf(b.rhs());
        TokenType op = b.op();
        if (b.returnBool() && !op.isComparison()) {
            fail(operatorStart(b), "bool modifier can only be used on comparison operators");
        }
        if (op.isComparison() && !b.returnBool() && lt == ValueType.SCALAR && rt == ValueType.SCALAR) {
            fail(operatorStart(b), "comparisons between scalars must use BOOL modifier");
        }
        if (b.matching().on()) {
            for (String label : b.matching().matchingLabels()) {
                if (b.matching().include().contains(label)) {
                    fail(operatorStart(b), "label " + GoText.quote(label) + " must not occur in ON and GROUP clause at once");
                }
            }
        }
        if (lt != ValueType.SCALAR && lt != ValueType.VECTOR) {
            fail(b.lhs().start(), "binary expression must contain only scalar and instant vector types");
        }
        if (rt != ValueType.SCALAR && rt != ValueType.VECTOR) {
            fail(b.rhs().start(), "binary expression must contain only scalar and instant vector types");
        }
        boolean bothVectors = lt == ValueType.VECTOR && rt == ValueType.VECTOR;
        if (!bothVectors && !b.matching().matchingLabels().isEmpty()) {
            fail(b.start(), "vector matching only allowed between instant vectors");
        }
        if (bothVectors && op.isSetOperator() && b.matching().cardinality() != Cardinality.ONE_TO_ONE) {
            fail(b.start(), "no grouping allowed for " + GoText.quote(op.text) + " operation");
        }
        if (!bothVectors && op.isSetOperator()) {
            fail(b.start(), "set operator " + GoText.quote(op.text) + " not allowed in binary scalar expression");
        }
    }

    private void call(Call c) {
        Function f = c.function();
        List<ValueType> types = f.argTypes();
        int given = c.args().size();
        String name = GoText.quote(f.name());
        if (f.variadic() == 0) {
            if (types.size() != given) {
                fail(c.start(), "expected " + types.size() + " argument(s) in call to " + name + ", got " + given);
            }
        } else {
            int atLeast = types.size() - 1;
            if (atLeast > given) {
                fail(c.start(), "expected at least " + atLeast + " argument(s) in call to " + name + ", got " + given);
            }
            int atMost = atLeast + f.variadic();
            if (f.variadic() > 0 && atMost < given) {
                fail(c.start(), "expected at most " + atMost + " argument(s) in call to " + name + ", got " + given);
            }
        }
        for (int i = 0; i < given; i++) {
            if (i >= types.size() && f.variadic() == 0) break;
            expect(c.args().get(i), types.get(Math.min(i, types.size() - 1)), "call to function " + name);
        }
    }

    private void selector(VectorSelector v) {
        List<LabelMatcher> matchers = v.matchers();
        if (!v.name().isEmpty()) {
            // The name written before the braces is the last matcher; it may not be set twice.
            for (LabelMatcher m : matchers.subList(0, matchers.size() - 1)) {
                if (m.name().equals("__name__")) {
                    fail(v.start(), "metric name must not be set twice: " + GoText.quote(v.name()) + " or "
                            + GoText.quote(m.value()));
                }
            }
            return;
        }
        // At least one matcher must reject the empty value, so no selector selects everything.
        for (LabelMatcher m : matchers) {
            if (!m.matchesEmpty()) return;
        }
        fail(v.start(), "vector selector must contain at least one non-empty matcher");
    }

    private void expect(Expr e, ValueType want, String context) {
        ValueType t = typeOf(e);
        if (t != want) {
            fail(e.start(), "expected type " + want.documented() + " in " + context + ", got " + t.documented());
        }
    }

    /** Where the operator of a binary expression starts: after the left operand and any space. */
    private int operatorStart(BinaryExpr b) {
        int i = b.lhs().end();
        while (i < input.length() && Lexer.isSpace(input.charAt(i))) i++;
        return i;
    }

    private static void fail(int offset, String message) {
        throw new PromQlException(offset, message);
    }
}
