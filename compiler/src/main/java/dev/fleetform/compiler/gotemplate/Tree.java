package dev.fleetform.compiler.gotemplate;

import dev.fleetform.compiler.promql.GoText;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Go 1.19's template parser (text/template/parse/parse.go, {@code Tree}), ported to decide the
 * same parse errors with the same messages: keywords and their nesting, pipelines, declared
 * variables and their scope, known functions, literals read as strconv reads them, and
 * {@code {{define}}}/{@code {{block}}} templates. It builds no tree. Like Go, each defined
 * template is parsed by its own Tree that shares the lexer (and so has its own lookahead).
 */
final class Tree {
    /**
     * Not in Go, which nests as deep as memory allows: a bound on nested parentheses and
     * control structures, so the recursion cannot exhaust the Java stack.
     */
    static final int MAX_DEPTH = 100;

    /** What every Tree of one parse shares. */
    private static final class Parse {
        final String parseName;
        final Lexer lex;
        final Set<String> funcs;
        /** Template name -> whether its body is empty, Go's {@code treeSet}. */
        final Map<String, Boolean> treeSet = new HashMap<>();
        int depth;

        Parse(String parseName, Lexer lex, Set<String> funcs) {
            this.parseName = parseName;
            this.lex = lex;
            this.funcs = funcs;
        }
    }

    /** An item list and the {@code {{end}}} or {@code {{else}}} that ended it. */
    private record ItemList(boolean empty, Node end) {
    }

    private final Parse p;
    private String name;
    private final Item[] token = {Item.ZERO, Item.ZERO, Item.ZERO}; // three-token lookahead
    private int peekCount;
    private final List<String> vars = new ArrayList<>(List.of("$"));
    private int actionLine; // line of the left delimiter starting the current action
    private int actionPos; // where the last action started, to point at a stray {{end}} or {{else}}
    private int rangeDepth;
    private boolean rootEmpty = true;

    private Tree(String name, Parse p) {
        this.name = name;
        this.p = p;
    }

    /** Parses {@code text} as Go's {@code template.New(name).Funcs(...).Parse(text)} would. */
    static TemplateError parse(String name, String text, Set<String> funcs) {
        Lexer lex = new Lexer(text, !funcs.contains("break"), !funcs.contains("continue"));
        Tree t = new Tree(name, new Parse(name, lex, funcs));
        try {
            t.parse();
            t.add();
            return null;
        } catch (TemplateException e) {
            return e.error;
        } catch (StackOverflowError e) {
            // Only a thread with a tiny stack gets here; the nesting bound keeps recursion short.
            return new TemplateError(name, 0, 0, "too deeply nested to check");
        }
    }

    // --- tokens ------------------------------------------------------------------------------

    private Item next() {
        if (peekCount > 0) peekCount--;
        else token[0] = p.lex.nextItem();
        return token[peekCount];
    }

    private void backup() {
        peekCount++;
    }

    private void backup2(Item t1) {
        token[1] = t1;
        peekCount = 2;
    }

    private void backup3(Item t2, Item t1) { // reverse order: pushing back
        token[1] = t1;
        token[2] = t2;
        peekCount = 3;
    }

    private Item peek() {
        if (peekCount > 0) return token[peekCount - 1];
        peekCount = 1;
        token[0] = p.lex.nextItem();
        return token[0];
    }

    private Item nextNonSpace() {
        Item t;
        do {
            t = next();
        } while (t.type() == ItemType.SPACE);
        return t;
    }

    private Item peekNonSpace() {
        Item t = nextNonSpace();
        backup();
        return t;
    }

    // --- errors --------------------------------------------------------------------------------

    /** Go reports the line of the last token read from the lexer, {@code token[0]}. */
    private RuntimeException errorf(String message) {
        throw errorAt(token[0].pos(), message);
    }

    /**
     * An error pointing at {@code pos}, the token it is about (the lookahead may have read
     * further); the line stays Go's.
     */
    private RuntimeException errorAt(int pos, String message) {
        throw new TemplateException(new TemplateError(p.parseName, token[0].line(), pos, message));
    }

    private Item expect(ItemType expected, String context) {
        Item t = nextNonSpace();
        if (t.type() != expected) unexpected(t, context);
        return t;
    }

    private Item expectOneOf(ItemType expected1, ItemType expected2, String context) {
        Item t = nextNonSpace();
        if (t.type() != expected1 && t.type() != expected2) unexpected(t, context);
        return t;
    }

    private RuntimeException unexpected(Item t, String context) {
        if (t.type() == ItemType.ERROR) {
            String extra = "";
            if (actionLine != 0 && actionLine != t.line()) {
                extra = " in action started at " + p.parseName + ":" + actionLine;
                if (t.val().endsWith(" action")) extra = extra.substring(" in action".length()); // not "action in action"
            }
            throw errorAt(t.pos(), t.val() + extra);
        }
        throw errorAt(t.pos(), "unexpected " + t.describe() + " in " + context);
    }

    private void deeper() {
        if (++p.depth > MAX_DEPTH) throw errorf("nested more than " + MAX_DEPTH + " deep");
    }

    // --- templates -----------------------------------------------------------------------------

    /** Adds this template to the set; a second non-empty body under one name is an error. */
    private void add() {
        Boolean existingEmpty = p.treeSet.get(name);
        if (existingEmpty == null || existingEmpty) {
            p.treeSet.put(name, rootEmpty);
            return;
        }
        if (!rootEmpty) throw errorf("template: multiple definition of template " + GoText.quote(name));
    }

    /** The top level: like {@link #itemList}, and also {@code {{define}}}s; runs to the end. */
    private void parse() {
        while (peek().type() != ItemType.EOF) {
            if (peek().type() == ItemType.LEFT_DELIM) {
                Item delim = next();
                if (nextNonSpace().type() == ItemType.DEFINE) {
                    new Tree("definition", p).parseDefinition(); // named once the name is read
                    continue;
                }
                backup2(delim);
            }
            Node n = textOrAction();
            if (n.type() == Node.Type.END || n.type() == Node.Type.ELSE) throw errorAt(actionPos, "unexpected " + n.text());
            rootEmpty &= n.empty();
        }
    }

    /** {@code {{define "name"}} ... {{end}}}; "define" is read. */
    private void parseDefinition() {
        String context = "define clause";
        Item nameToken = expectOneOf(ItemType.STRING, ItemType.RAW_STRING, context);
        name = Strconv.unquote(nameToken.val());
        if (name == null) throw errorf(Strconv.INVALID_SYNTAX);
        expect(ItemType.RIGHT_DELIM, context);
        deeper();
        ItemList body = itemList();
        p.depth--;
        rootEmpty = body.empty();
        if (body.end().type() != Node.Type.END) {
            throw errorAt(actionPos, "unexpected " + body.end().text() + " in " + context);
        }
        add();
    }

    /** textOrAction* up to an {@code {{end}}} or {@code {{else}}}, which is returned. */
    private ItemList itemList() {
        boolean empty = true;
        while (peekNonSpace().type() != ItemType.EOF) {
            Node n = textOrAction();
            if (n.type() == Node.Type.END || n.type() == Node.Type.ELSE) return new ItemList(empty, n);
            empty &= n.empty();
        }
        throw errorf("unexpected EOF");
    }

    private Node textOrAction() {
        Item t = nextNonSpace();
        switch (t.type()) {
            case TEXT:
                return new Node(Node.Type.TEXT, t.val());
            case LEFT_DELIM:
                actionLine = t.line();
                actionPos = t.pos();
                try {
                    return action();
                } finally {
                    actionLine = 0;
                }
            default:
                throw unexpected(t, "input");
        }
    }

    /** A control keyword, or a pipeline; the left delimiter is read. */
    private Node action() {
        Item t = nextNonSpace();
        switch (t.type()) {
            case BLOCK:
                return blockControl();
            case BREAK:
                return loopControl("{{break}}", Node.Type.BREAK);
            case CONTINUE:
                return loopControl("{{continue}}", Node.Type.CONTINUE);
            case ELSE:
                return elseControl();
            case END:
                expect(ItemType.RIGHT_DELIM, "end");
                return Node.END;
            case IF:
                return control(true, "if", Node.Type.IF);
            case RANGE:
                return control(false, "range", Node.Type.RANGE);
            case TEMPLATE:
                return templateControl();
            case WITH:
                return control(false, "with", Node.Type.WITH);
            default:
                break;
        }
        backup();
        // Variables declared here persist until the enclosing {{end}}.
        pipeline("command", ItemType.RIGHT_DELIM);
        return Node.of(Node.Type.ACTION);
    }

    private Node loopControl(String keyword, Node.Type type) {
        Item t = nextNonSpace();
        if (t.type() != ItemType.RIGHT_DELIM) throw unexpected(t, keyword);
        if (rangeDepth == 0) throw errorf(keyword + " outside {{range}}");
        return Node.of(type);
    }

    /**
     * {@code declarations? command ('|' command)*} up to {@code end}. Declared variables are
     * added to the scope; the caller pops them where Go does.
     */
    private Node pipeline(String context, ItemType end) {
        int declarations = 0;
        while (true) {
            Item v = peekNonSpace();
            if (v.type() != ItemType.VARIABLE) break;
            next();
            // Space is a token, so "$x foo" needs three tokens of lookahead to tell a use from
            // a declaration: keep the token after the variable to push it back.
            Item tokenAfterVariable = peek();
            Item following = peekNonSpace();
            if (following.type() == ItemType.ASSIGN || following.type() == ItemType.DECLARE) {
                nextNonSpace();
                declarations++;
                vars.add(v.val());
            } else if (following.type() == ItemType.CHAR && following.val().equals(",")) {
                nextNonSpace();
                declarations++;
                vars.add(v.val());
                if (context.equals("range") && declarations < 2) {
                    switch (peekNonSpace().type()) {
                        case VARIABLE, RIGHT_DELIM, RIGHT_PAREN:
                            continue; // the second variable of a range
                        default:
                            throw errorf("range can only initialize variables");
                    }
                }
                throw errorf("too many declarations in " + context);
            } else if (tokenAfterVariable.type() == ItemType.SPACE) {
                backup3(v, tokenAfterVariable);
            } else {
                backup2(v);
            }
            break;
        }
        List<Node.Type> firstArguments = new ArrayList<>();
        while (true) {
            Item t = nextNonSpace();
            if (t.type() == end) {
                checkPipeline(firstArguments, context);
                return Node.of(Node.Type.PIPE);
            }
            switch (t.type()) {
                case BOOL, CHAR_CONSTANT, COMPLEX, DOT, FIELD, IDENTIFIER, NUMBER, NIL, RAW_STRING, STRING,
                     VARIABLE, LEFT_PAREN:
                    backup();
                    firstArguments.add(command());
                    break;
                default:
                    throw unexpected(t, context);
            }
        }
    }

    private void checkPipeline(List<Node.Type> firstArguments, String context) {
        if (firstArguments.isEmpty()) throw errorf("missing value for " + context);
        // Only the first command of a pipeline may start with a value that cannot be called.
        for (int i = 1; i < firstArguments.size(); i++) {
            switch (firstArguments.get(i)) {
                case BOOL, DOT, NIL, NUMBER, STRING:
                    throw errorf("non executable command in pipeline stage " + (i + 1));
                default:
                    break;
            }
        }
    }

    /** {@code {{if|range|with pipeline}} list ({{else}} list)? {{end}}}; the keyword is read. */
    private Node control(boolean allowElseIf, String context, Node.Type type) {
        int scope = vars.size();
        deeper();
        pipeline(context, ItemType.RIGHT_DELIM);
        if (type == Node.Type.RANGE) rangeDepth++;
        ItemList list = itemList();
        if (type == Node.Type.RANGE) rangeDepth--;
        if (list.end().type() == Node.Type.ELSE) {
            if (allowElseIf && peek().type() == ItemType.IF) {
                // {{else if b}} reads as {{else}}{{if b}}...{{end}}{{end}} with one {{end}}.
                next();
                control(true, "if", Node.Type.IF);
            } else {
                ItemList elseList = itemList();
                if (elseList.end().type() != Node.Type.END) throw errorAt(actionPos, "expected end; found " + elseList.end().text());
            }
        }
        p.depth--;
        vars.subList(scope, vars.size()).clear();
        return Node.of(type);
    }

    /** {@code {{else}}}, or the {@code else} of {@code {{else if}}} with the {@code if} left to read. */
    private Node elseControl() {
        if (peekNonSpace().type() == ItemType.IF) return Node.ELSE;
        expect(ItemType.RIGHT_DELIM, "else");
        return Node.ELSE;
    }

    /** {@code {{block "name" pipeline}} ... {{end}}}: defines the template and calls it. */
    private Node blockControl() {
        String context = "block clause";
        Item t = nextNonSpace();
        String blockName = templateName(t, context);
        pipeline(context, ItemType.RIGHT_DELIM);
        Tree block = new Tree(blockName, p);
        deeper();
        ItemList body = block.itemList();
        p.depth--;
        if (body.end().type() != Node.Type.END) {
            throw errorAt(block.actionPos, "unexpected " + body.end().text() + " in " + context);
        }
        block.rootEmpty = body.empty();
        block.add();
        return Node.of(Node.Type.TEMPLATE);
    }

    /** {@code {{template "name" pipeline?}}}. */
    private Node templateControl() {
        String context = "template clause";
        templateName(nextNonSpace(), context);
        if (nextNonSpace().type() != ItemType.RIGHT_DELIM) {
            backup();
            pipeline(context, ItemType.RIGHT_DELIM);
        }
        return Node.of(Node.Type.TEMPLATE);
    }

    private String templateName(Item t, String context) {
        if (t.type() != ItemType.STRING && t.type() != ItemType.RAW_STRING) throw unexpected(t, context);
        String unquoted = Strconv.unquote(t.val());
        if (unquoted == null) throw errorf(Strconv.INVALID_SYNTAX);
        return unquoted;
    }

    /**
     * Space-separated operands up to a '|' (read) or the end of the pipeline (left to read).
     * Returns the kind of its first operand.
     */
    private Node.Type command() {
        Node.Type first = null;
        while (true) {
            peekNonSpace(); // skip leading spaces
            Node operand = operand();
            if (operand != null && first == null) first = operand.type();
            Item t = next();
            if (t.type() == ItemType.SPACE) continue;
            if (t.type() == ItemType.RIGHT_DELIM || t.type() == ItemType.RIGHT_PAREN) backup();
            else if (t.type() != ItemType.PIPE) throw unexpected(t, "operand");
            break;
        }
        if (first == null) throw errorf("empty command");
        return first;
    }

    /** A term, then field accesses {@code .x.y}; null when the next token is no operand. */
    private Node operand() {
        Node node = term();
        if (node == null) return null;
        if (peek().type() == ItemType.FIELD) {
            while (peek().type() == ItemType.FIELD) next();
            switch (node.type()) {
                case FIELD, VARIABLE:
                    return node;
                case BOOL, STRING, NUMBER, NIL, DOT:
                    throw errorf("unexpected . after term " + GoText.quote(node.text()));
                default:
                    return Node.of(Node.Type.CHAIN);
            }
        }
        return node;
    }

    /** A literal, function, {@code .}, field, variable or parenthesized pipeline; null if none. */
    private Node term() {
        Item t = nextNonSpace();
        switch (t.type()) {
            case IDENTIFIER:
                if (!p.funcs.contains(t.val())) throw errorAt(t.pos(), "function " + GoText.quote(t.val()) + " not defined");
                return Node.of(Node.Type.IDENTIFIER);
            case DOT:
                return new Node(Node.Type.DOT, ".");
            case NIL:
                return new Node(Node.Type.NIL, "nil");
            case VARIABLE:
                return useVar(t);
            case FIELD:
                return Node.of(Node.Type.FIELD);
            case BOOL:
                return new Node(Node.Type.BOOL, t.val());
            case CHAR_CONSTANT, COMPLEX, NUMBER: {
                String error = switch (t.type()) {
                    case CHAR_CONSTANT -> Strconv.charConstantError(t.val());
                    case COMPLEX -> Strconv.complexError(t.val());
                    default -> Strconv.numberError(t.val());
                };
                if (error != null) throw errorAt(t.pos(), error);
                return new Node(Node.Type.NUMBER, t.val());
            }
            case LEFT_PAREN: {
                deeper();
                Node pipe = pipeline("parenthesized pipeline", ItemType.RIGHT_PAREN);
                p.depth--;
                return pipe;
            }
            case STRING, RAW_STRING:
                if (Strconv.unquote(t.val()) == null) throw errorAt(t.pos(), Strconv.INVALID_SYNTAX);
                return new Node(Node.Type.STRING, t.val());
            default:
                backup();
                return null;
        }
    }

    private Node useVar(Item variable) {
        int dot = variable.val().indexOf('.');
        String first = dot < 0 ? variable.val() : variable.val().substring(0, dot);
        if (!vars.contains(first)) throw errorAt(variable.pos(), "undefined variable " + GoText.quote(first));
        return Node.of(Node.Type.VARIABLE);
    }
}
