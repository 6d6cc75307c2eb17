package dev.fleetform.compiler.promql;

import dev.fleetform.compiler.promql.Expr.AggregateExpr;
import dev.fleetform.compiler.promql.Expr.At;
import dev.fleetform.compiler.promql.Expr.BinaryExpr;
import dev.fleetform.compiler.promql.Expr.Call;
import dev.fleetform.compiler.promql.Expr.Cardinality;
import dev.fleetform.compiler.promql.Expr.MatrixSelector;
import dev.fleetform.compiler.promql.Expr.NumberLiteral;
import dev.fleetform.compiler.promql.Expr.ParenExpr;
import dev.fleetform.compiler.promql.Expr.StringLiteral;
import dev.fleetform.compiler.promql.Expr.SubqueryExpr;
import dev.fleetform.compiler.promql.Expr.UnaryExpr;
import dev.fleetform.compiler.promql.Expr.VectorMatching;
import dev.fleetform.compiler.promql.Expr.VectorSelector;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A recursive-descent parser for the language of Prometheus' {@code generated_parser.y} (2.42),
 * with its semantic actions from {@code parse.go}. Binary operators use the grammar's precedence
 * table; {@code offset}, {@code @} and {@code [...]} bind tightest, unary minus as {@code *}.
 *
 * <p>Errors match Prometheus' first error: a syntax error is reported at the first token that
 * cannot continue the expression, with the context of the innermost grammar rule that has an
 * {@code error} alternative and is still open ({@link Catch}); semantic errors are raised when
 * the yacc parser would reduce the rule, before it reads further input.
 */
final class Parser {

    /** An {@code error} alternative of the grammar: what "unexpected X in ..., expected ..." says. */
    private record Catch(String context, String expected) {
    }

    private static final Catch TOP = new Catch("", "");
    private static final Catch AGGREGATION = new Catch("aggregation", "");
    private static final Catch GROUPING_OPEN = new Catch("grouping opts", "\"(\"");
    private static final Catch GROUPING_LABEL = new Catch("grouping opts", "label");
    private static final Catch GROUPING_NEXT = new Catch("grouping opts", "\",\" or \")\"");
    private static final Catch OFFSET = new Catch("offset", "duration");
    private static final Catch AT = new Catch("@", "timestamp");
    private static final Catch RANGE = new Catch("subquery selector", "duration");
    private static final Catch RANGE_NEXT = new Catch("subquery or range", "\":\" or \"]\"");
    private static final Catch STEP = new Catch("subquery selector", "duration or \"]\"");
    private static final Catch SUBQUERY_CLOSE = new Catch("subquery selector", "\"]\"");
    private static final Catch MATCHER = new Catch("label matching", "identifier or \"}\"");
    private static final Catch MATCH_OP = new Catch("label matching", "label matching operator");
    private static final Catch MATCH_VALUE = new Catch("label matching", "string");
    private static final Catch MATCHER_NEXT = new Catch("label matching", "\",\" or \"}\"");

    /** Deeper nesting is refused instead of overflowing the stack (Prometheus has no limit). */
    static final int MAX_DEPTH = 200;
    private static final int UNARY_OPERAND_PRECEDENCE = TokenType.POW.precedence();

    private final Lexer lexer;
    private Token lookahead;
    private Token last;
    private Catch catcher = TOP;
    private int depth;

    Parser(Lexer lexer) {
        this.lexer = lexer;
    }

    Expr parse() {
        if (peek().type() == TokenType.EOF) throw new PromQlException(0, "no expression found in input");
        Expr e = expression(1);
        if (peek().type() != TokenType.EOF) throw unexpected(peek(), catcher);
        return e;
    }

    // --- expressions ---

    /** Operands joined by binary operators binding at least as tightly as {@code minPrecedence}. */
    private Expr expression(int minPrecedence) {
        if (++depth > MAX_DEPTH) {
            throw new PromQlException(peek().pos(), "expression nested more than " + MAX_DEPTH + " levels deep",
                    PromQlError.Source.CHECKER_LIMIT);
        }
        Expr left = unary();
        while (true) {
            TokenType op = peek().type();
            int precedence = op.precedence();
            if (precedence == 0 || precedence < minPrecedence) break;
            advance();
            boolean returnBool = accept(TokenType.BOOL);
            VectorMatching matching = vectorMatching();
            Expr right = expression(op == TokenType.POW ? precedence : precedence + 1);
            left = new BinaryExpr(op, left, right, matching, returnBool);
        }
        depth--;
        return left;
    }

    private Expr unary() {
        Token sign = peek();
        if (sign.type() != TokenType.ADD && sign.type() != TokenType.SUB) return postfix(primary());
        advance();
        Expr operand = expression(UNARY_OPERAND_PRECEDENCE);
        if (operand instanceof NumberLiteral n) {
            return new NumberLiteral(sign.type() == TokenType.SUB ? -n.value() : n.value(), sign.pos(), n.end());
        }
        return new UnaryExpr(sign.type(), operand, sign.pos());
    }

    private Expr primary() {
        Token t = peek();
        switch (t.type()) {
            case NUMBER -> {
                advance();
                return new NumberLiteral(number(t), t.pos(), t.end());
            }
            case STRING -> {
                advance();
                return new StringLiteral(StringLiterals.unquote(t.val()), t.pos(), t.end());
            }
            case LEFT_PAREN -> {
                advance();
                Expr inner = expression(1);
                Token close = expect(TokenType.RIGHT_PAREN, catcher);
                return new ParenExpr(inner, t.pos(), close.end());
            }
            case LEFT_BRACE -> {
                return selector(null);
            }
            case IDENTIFIER -> {
                advance();
                return peek().type() == TokenType.LEFT_PAREN ? call(t) : selector(t);
            }
            default -> {
                if (!t.type().isMetricName()) throw unexpected(t, catcher);
                advance();
                if (t.type().isAggregator()) {
                    TokenType next = peek().type();
                    if (next == TokenType.LEFT_PAREN || next == TokenType.BY || next == TokenType.WITHOUT) {
                        return aggregation(t);
                    }
                }
                return selector(t);
            }
        }
    }

    /** Range, subquery, offset and @ modifiers after an operand, as many as written. */
    private Expr postfix(Expr e) {
        while (true) {
            switch (peek().type()) {
                case LEFT_BRACKET -> e = rangeOrSubquery(e);
                case OFFSET -> e = offset(e);
                case AT -> e = at(e);
                default -> {
                    return e;
                }
            }
        }
    }

    // --- function calls and aggregations ---

    private Expr call(Token name) {
        List<Expr> args = arguments();
        Function f = Functions.named(name.val()).orElseThrow(() ->
                new PromQlException(name.pos(), "unknown function with name " + GoText.quote(name.val())));
        return new Call(f, args, name.pos(), last.end());
    }

    /** {@code ( expr, ... )}: the grammar's function_call_body. */
    private List<Expr> arguments() {
        expect(TokenType.LEFT_PAREN, catcher);
        List<Expr> args = new ArrayList<>();
        if (accept(TokenType.RIGHT_PAREN)) return args;
        while (true) {
            args.add(expression(1));
            if (accept(TokenType.RIGHT_PAREN)) return args;
            Token comma = expect(TokenType.COMMA, catcher);
            if (!peek().type().startsExpression()) {
                throw new PromQlException(comma.pos(), "trailing commas not allowed in function call args");
            }
        }
    }

    private Expr aggregation(Token op) {
        Catch outer = catcher;
        catcher = AGGREGATION;
        List<String> grouping = List.of();
        boolean without = false;
        boolean modified = false;
        if (peek().type() == TokenType.BY || peek().type() == TokenType.WITHOUT) {
            without = advance().type() == TokenType.WITHOUT;
            grouping = groupingLabels();
            modified = true;
        }
        List<Expr> args = arguments();
        if (!modified && (peek().type() == TokenType.BY || peek().type() == TokenType.WITHOUT)) {
            without = advance().type() == TokenType.WITHOUT;
            grouping = groupingLabels();
        }
        catcher = outer;

        if (args.isEmpty()) throw new PromQlException(op.pos(), "no arguments for aggregate expression provided");
        int wanted = op.type().isAggregatorWithParam() ? 2 : 1;
        if (args.size() != wanted) {
            throw new PromQlException(op.pos(), "wrong number of arguments for aggregate expression provided, expected "
                    + wanted + ", got " + args.size());
        }
        Expr param = wanted == 2 ? args.get(0) : null;
        return new AggregateExpr(op.type(), args.get(wanted - 1), param, grouping, without, op.pos(), last.end());
    }

    /** {@code ( label, ... )} after by, without, on, ignoring, group_left or group_right. */
    private List<String> groupingLabels() {
        expect(TokenType.LEFT_PAREN, GROUPING_OPEN);
        List<String> labels = new ArrayList<>();
        if (accept(TokenType.RIGHT_PAREN)) return labels;
        while (true) {
            Token label = peek();
            if (!label.type().isMaybeLabel()) throw unexpected(label, GROUPING_LABEL);
            advance();
            if (!isLabel(label.val())) throw unexpected(label, GROUPING_LABEL);
            labels.add(label.val());
            if (accept(TokenType.RIGHT_PAREN)) return labels;
            expect(TokenType.COMMA, GROUPING_NEXT);
            if (accept(TokenType.RIGHT_PAREN)) return labels;
        }
    }

    /** {@code on(...)} or {@code ignoring(...)}, then maybe {@code group_left/right(...)}. */
    private VectorMatching vectorMatching() {
        Token t = peek();
        if (t.type() != TokenType.ON && t.type() != TokenType.IGNORING) return VectorMatching.NONE;
        advance();
        List<String> labels = groupingLabels();
        Cardinality cardinality = Cardinality.ONE_TO_ONE;
        List<String> include = List.of();
        TokenType group = peek().type();
        if (group == TokenType.GROUP_LEFT || group == TokenType.GROUP_RIGHT) {
            advance();
            cardinality = group == TokenType.GROUP_LEFT ? Cardinality.MANY_TO_ONE : Cardinality.ONE_TO_MANY;
            // The labels are optional, but goyacc takes the empty alternative only before the
            // start of an expression: in a state with an error alternative it does not reduce
            // by default, so anything else is an error of this grouping clause.
            if (peek().type() == TokenType.LEFT_PAREN || !peek().type().startsExpression()) include = groupingLabels();
        }
        return new VectorMatching(cardinality, t.type() == TokenType.ON, labels, include);
    }

    // --- selectors ---

    /** A vector selector: a metric name, braces, or both. */
    private VectorSelector selector(Token name) {
        List<LabelMatcher> matchers = new ArrayList<>();
        int start = name != null ? name.pos() : peek().pos();
        int end = name != null ? name.end() : 0;
        if (peek().type() == TokenType.LEFT_BRACE) {
            advance();
            labelMatchers(matchers);
            end = last.end();
        }
        if (name != null) matchers.add(LabelMatcher.of(LabelMatcher.Type.EQUAL, "__name__", name.val()));
        return new VectorSelector(name != null ? name.val() : "", List.copyOf(matchers), Duration.ZERO, null, start, end);
    }

    /** The matchers after {@code {}, up to and including the closing brace. */
    private void labelMatchers(List<LabelMatcher> into) {
        if (accept(TokenType.RIGHT_BRACE)) return;
        while (true) {
            Token label = expect(TokenType.IDENTIFIER, MATCHER);
            Token op = peek();
            LabelMatcher.Type type = switch (op.type()) {
                case EQL -> LabelMatcher.Type.EQUAL;
                case NEQ -> LabelMatcher.Type.NOT_EQUAL;
                case EQL_REGEX -> LabelMatcher.Type.REGEX;
                case NEQ_REGEX -> LabelMatcher.Type.NOT_REGEX;
                default -> throw unexpected(op, MATCH_OP);
            };
            advance();
            Token value = expect(TokenType.STRING, MATCH_VALUE);
            try {
                into.add(LabelMatcher.of(type, label.val(), StringLiterals.unquote(value.val())));
            } catch (PrometheusRegex.SyntaxError e) {
                throw new PromQlException(label.pos(), e.getMessage());
            }
            if (accept(TokenType.RIGHT_BRACE)) return;
            expect(TokenType.COMMA, MATCHER_NEXT);
            if (accept(TokenType.RIGHT_BRACE)) return;
        }
    }

    /** {@code [range]} or {@code [range:step]} after an expression. */
    private Expr rangeOrSubquery(Expr e) {
        Token open = advance();
        Duration range = duration(expect(TokenType.DURATION, RANGE));
        if (accept(TokenType.RIGHT_BRACKET)) {
            String problem = e instanceof VectorSelector vs ? rangeProblem(vs) : "ranges only allowed for vector selectors";
            if (problem != null) throw new PromQlException(open.pos(), problem);
            return new MatrixSelector((VectorSelector) e, range, last.end());
        }
        expect(TokenType.COLON, RANGE_NEXT);
        Duration step = Duration.ZERO;
        if (peek().type() == TokenType.DURATION) {
            step = duration(advance());
            expect(TokenType.RIGHT_BRACKET, SUBQUERY_CLOSE);
        } else {
            expect(TokenType.RIGHT_BRACKET, STEP);
        }
        return new SubqueryExpr(e, range, step, Duration.ZERO, null, last.end());
    }

    private static String rangeProblem(VectorSelector vs) {
        if (!vs.offset().isZero()) return "no offset modifiers allowed before range";
        if (vs.at() != null && vs.at().seconds() != null) return "no @ modifiers allowed before range";
        return null;
    }

    private Expr offset(Expr e) {
        advance();
        boolean negative = accept(TokenType.SUB);
        Token t = expect(TokenType.DURATION, OFFSET);
        Duration d = duration(t);
        return withOffset(e, negative ? d.negated() : d, t.end());
    }

    private static Expr withOffset(Expr e, Duration offset, int end) {
        Duration existing = switch (e) {
            case VectorSelector vs -> vs.offset();
            case MatrixSelector ms -> ms.selector().offset();
            case SubqueryExpr sq -> sq.offset();
            default -> throw new PromQlException(e.start(), "offset modifier must be preceded by an instant vector "
                    + "selector or range vector selector or a subquery");
        };
        if (!existing.isZero()) throw new PromQlException(e.start(), "offset may not be set multiple times");
        return switch (e) {
            case VectorSelector vs -> vs.withOffset(offset, end);
            case MatrixSelector ms -> new MatrixSelector(ms.selector().withOffset(offset, ms.selector().end()), ms.range(), end);
            case SubqueryExpr sq -> new SubqueryExpr(sq.expr(), sq.range(), sq.step(), offset, sq.at(), end);
            default -> throw new IllegalStateException("checked above");
        };
    }

    private Expr at(Expr e) {
        advance();
        Token t = peek();
        if (t.type() == TokenType.START || t.type() == TokenType.END) {
            advance();
            expect(TokenType.LEFT_PAREN, AT);
            Token close = expect(TokenType.RIGHT_PAREN, AT);
            return withAt(e, new At(null, t.type().text), close.end());
        }
        boolean negative = t.type() == TokenType.SUB;
        if (negative || t.type() == TokenType.ADD) advance();
        Token n = expect(TokenType.NUMBER, AT);
        double seconds = negative ? -number(n) : number(n);
        if (Double.isNaN(seconds) || seconds >= (double) Long.MAX_VALUE || seconds <= (double) Long.MIN_VALUE) {
            throw new PromQlException(e.start(), "timestamp out of bounds for @ modifier: " + GoText.fixed(seconds));
        }
        return withAt(e, new At(seconds, null), n.end());
    }

    private static Expr withAt(Expr e, At at, int end) {
        At existing = switch (e) {
            case VectorSelector vs -> vs.at();
            case MatrixSelector ms -> ms.selector().at();
            case SubqueryExpr sq -> sq.at();
            default -> throw new PromQlException(e.start(), "@ modifier must be preceded by an instant vector "
                    + "selector or range vector selector or a subquery");
        };
        if (existing != null) throw new PromQlException(e.start(), "@ <timestamp> may not be set multiple times");
        return switch (e) {
            case VectorSelector vs -> vs.withAt(at, end);
            case MatrixSelector ms -> new MatrixSelector(ms.selector().withAt(at, ms.selector().end()), ms.range(), end);
            case SubqueryExpr sq -> new SubqueryExpr(sq.expr(), sq.range(), sq.step(), sq.offset(), at, end);
            default -> throw new IllegalStateException("checked above");
        };
    }

    // --- literals ---

    private static double number(Token t) {
        Double v = NumberLiterals.parse(t.val());
        if (v == null) throw new PromQlException(t.pos(), "error parsing number: " + NumberLiterals.problem(t.val()));
        return v;
    }

    private static Duration duration(Token t) {
        String[] problem = new String[1];
        Duration d = PrometheusDuration.parse(t.val(), p -> problem[0] = p);
        if (d == null) throw new PromQlException(t.pos(), problem[0]);
        if (d.isZero()) throw new PromQlException(t.pos(), "duration must be greater than 0");
        return d;
    }

    /** Label names in grouping: the keyword tokens allowed there must also look like a label. */
    private static boolean isLabel(String s) {
        if (s.isEmpty() || !Lexer.isAlpha(s.charAt(0))) return false;
        for (int i = 1; i < s.length(); i++) {
            if (!Lexer.isAlphaNumeric(s.charAt(i))) return false;
        }
        return true;
    }

    // --- tokens ---

    private Token peek() {
        if (lookahead == null) lookahead = lexer.next();
        return lookahead;
    }

    private Token advance() {
        last = peek();
        lookahead = null;
        return last;
    }

    private boolean accept(TokenType type) {
        if (peek().type() != type) return false;
        advance();
        return true;
    }

    private Token expect(TokenType type, Catch onError) {
        if (peek().type() != type) throw unexpected(peek(), onError);
        return advance();
    }

    private static PromQlException unexpected(Token t, Catch c) {
        StringBuilder m = new StringBuilder("unexpected ").append(t.describe());
        if (!c.context().isEmpty()) m.append(" in ").append(c.context());
        if (!c.expected().isEmpty()) m.append(", expected ").append(c.expected());
        return new PromQlException(t.pos(), m.toString());
    }
}
