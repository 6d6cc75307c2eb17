package dev.fleetform.compiler.gotemplate;

import dev.fleetform.compiler.promql.GoText;

import java.util.ArrayDeque;
import java.util.Map;

/**
 * Go 1.19's template lexer (text/template/parse/lex.go, the version Prometheus 2.42 is built
 * with), with the default {@code {{ }}} delimiters and comments dropped. Go runs its state
 * functions on a goroutine that sends items down a channel; here {@link #nextItem} runs them
 * until one is queued. After the end of input or an error the lexer stops, and like Go's closed
 * channel it then yields {@link Item#ZERO}. Positions count chars where Go counts bytes.
 */
final class Lexer {
    private static final int EOF = -1;
    private static final String LEFT_DELIM = "{{";
    private static final String RIGHT_DELIM = "}}";
    private static final String LEFT_COMMENT = "/*";
    private static final String RIGHT_COMMENT = "*/";
    private static final char TRIM_MARKER = '-';
    private static final int TRIM_MARKER_LEN = 2; // the marker and the space beside it
    private static final String SPACE_CHARS = " \t\r\n";

    private static final Map<String, ItemType> KEYWORDS = Map.ofEntries(
            Map.entry("block", ItemType.BLOCK),
            Map.entry("break", ItemType.BREAK),
            Map.entry("continue", ItemType.CONTINUE),
            Map.entry("define", ItemType.DEFINE),
            Map.entry("else", ItemType.ELSE),
            Map.entry("end", ItemType.END),
            Map.entry("if", ItemType.IF),
            Map.entry("range", ItemType.RANGE),
            Map.entry("nil", ItemType.NIL),
            Map.entry("template", ItemType.TEMPLATE),
            Map.entry("with", ItemType.WITH));

    private enum State {
        TEXT, LEFT_DELIM, COMMENT, RIGHT_DELIM, INSIDE_ACTION, SPACE, IDENTIFIER, FIELD, VARIABLE,
        CHAR, NUMBER, QUOTE, RAW_QUOTE
    }

    private final String input;
    private final boolean breakOk;
    private final boolean continueOk;
    private final ArrayDeque<Item> items = new ArrayDeque<>(2);
    private State state = State.TEXT;
    private int pos;
    private int start;
    private int width;
    private int parenDepth;
    private int line = 1;
    private int startLine = 1;

    /** {@code breakOk}/{@code continueOk}: the words are keywords unless a function has the name. */
    Lexer(String input, boolean breakOk, boolean continueOk) {
        this.input = input;
        this.breakOk = breakOk;
        this.continueOk = continueOk;
    }

    Item nextItem() {
        while (items.isEmpty()) {
            if (state == null) return Item.ZERO;
            state = run(state);
        }
        return items.poll();
    }

    private State run(State s) {
        return switch (s) {
            case TEXT -> lexText();
            case LEFT_DELIM -> lexLeftDelim();
            case COMMENT -> lexComment();
            case RIGHT_DELIM -> lexRightDelim();
            case INSIDE_ACTION -> lexInsideAction();
            case SPACE -> lexSpace();
            case IDENTIFIER -> lexIdentifier();
            case FIELD -> lexFieldOrVariable(ItemType.FIELD);
            case VARIABLE -> atTerminator() ? emit(ItemType.VARIABLE) : lexFieldOrVariable(ItemType.VARIABLE);
            case CHAR -> lexQuoted('\'', true, "unterminated character constant", ItemType.CHAR_CONSTANT);
            case NUMBER -> lexNumber();
            case QUOTE -> lexQuoted('"', true, "unterminated quoted string", ItemType.STRING);
            case RAW_QUOTE -> lexQuoted('`', false, "unterminated raw quoted string", ItemType.RAW_STRING);
        };
    }

    // --- reading runes -----------------------------------------------------------------------

    private int next() {
        if (pos >= input.length()) {
            width = 0;
            return EOF;
        }
        int r = input.codePointAt(pos);
        width = Character.charCount(r);
        pos += width;
        if (r == '\n') line++;
        return r;
    }

    private int peek() {
        int r = next();
        backup();
        return r;
    }

    /** Steps back one rune; only once per {@link #next}, as in Go. */
    private void backup() {
        pos -= width;
        if (width == 1 && input.charAt(pos) == '\n') line--;
    }

    private State emit(ItemType type) {
        items.add(new Item(type, start, input.substring(start, pos), startLine));
        start = pos;
        startLine = line;
        return State.INSIDE_ACTION;
    }

    /** Skips the pending input, counting the line breaks in it. */
    private void ignore() {
        line += newlines(start, pos);
        start = pos;
        startLine = line;
    }

    private boolean accept(String valid) {
        if (valid.indexOf(next()) >= 0) return true;
        backup();
        return false;
    }

    private void acceptRun(String valid) {
        while (valid.indexOf(next()) >= 0) {
            // absorb
        }
        backup();
    }

    /** Queues an error item and stops the lexer. */
    private State errorf(String message) {
        items.add(new Item(ItemType.ERROR, start, message, startLine));
        return null;
    }

    // --- states --------------------------------------------------------------------------------

    /** Scans until an opening {@code {{}, trimming the text before a {@code {{- }. */
    private State lexText() {
        width = 0;
        int x = input.indexOf(LEFT_DELIM, pos);
        if (x >= 0) {
            pos = x;
            int trimLength = hasLeftTrimMarker(pos + LEFT_DELIM.length()) ? rightTrimLength(start, pos) : 0;
            pos -= trimLength;
            if (pos > start) {
                line += newlines(start, pos);
                emitText();
            }
            pos += trimLength;
            ignore();
            return State.LEFT_DELIM;
        }
        pos = input.length();
        if (pos > start) {
            line += newlines(start, pos);
            emitText();
        }
        items.add(new Item(ItemType.EOF, start, "", startLine));
        return null;
    }

    private void emitText() {
        items.add(new Item(ItemType.TEXT, start, input.substring(start, pos), startLine));
        start = pos;
        startLine = line;
    }

    private State lexLeftDelim() {
        pos += LEFT_DELIM.length();
        boolean trimSpace = hasLeftTrimMarker(pos);
        int afterMarker = trimSpace ? TRIM_MARKER_LEN : 0;
        if (input.startsWith(LEFT_COMMENT, pos + afterMarker)) {
            pos += afterMarker;
            ignore();
            return State.COMMENT;
        }
        emit(ItemType.LEFT_DELIM);
        pos += afterMarker;
        ignore();
        parenDepth = 0;
        return State.INSIDE_ACTION;
    }

    /** A comment is dropped: text/template does not ask for comment items. */
    private State lexComment() {
        pos += LEFT_COMMENT.length();
        int i = input.indexOf(RIGHT_COMMENT, pos);
        if (i < 0) return errorf("unclosed comment");
        pos = i + RIGHT_COMMENT.length();
        if (!atRightDelim()) return errorf("comment ends before closing delimiter");
        boolean trimSpace = hasRightTrimMarker(pos);
        if (trimSpace) pos += TRIM_MARKER_LEN;
        pos += RIGHT_DELIM.length();
        if (trimSpace) pos += leftTrimLength(pos);
        ignore();
        return State.TEXT;
    }

    private State lexRightDelim() {
        boolean trimSpace = hasRightTrimMarker(pos);
        if (trimSpace) {
            pos += TRIM_MARKER_LEN;
            ignore();
        }
        pos += RIGHT_DELIM.length();
        emit(ItemType.RIGHT_DELIM);
        if (trimSpace) {
            pos += leftTrimLength(pos);
            ignore();
        }
        return State.TEXT;
    }

    private State lexInsideAction() {
        if (atRightDelim()) {
            if (parenDepth == 0) return State.RIGHT_DELIM;
            return errorf("unclosed left paren");
        }
        int r = next();
        if (r == EOF) return errorf("unclosed action");
        if (isSpace(r)) {
            backup(); // put the space back in case of " -}}"
            return State.SPACE;
        }
        switch (r) {
            case '=':
                return emit(ItemType.ASSIGN);
            case ':':
                if (next() != '=') return errorf("expected :=");
                return emit(ItemType.DECLARE);
            case '|':
                return emit(ItemType.PIPE);
            case '"':
                return State.QUOTE;
            case '`':
                return State.RAW_QUOTE;
            case '$':
                return State.VARIABLE;
            case '\'':
                return State.CHAR;
            case '.':
                // ".field", unless a digit follows: then '.' starts a number.
                if (pos < input.length()) {
                    char c = input.charAt(pos);
                    if (c < '0' || '9' < c) return State.FIELD;
                }
                backup();
                return State.NUMBER;
            case '(':
                emit(ItemType.LEFT_PAREN);
                parenDepth++;
                return State.INSIDE_ACTION;
            case ')':
                // Go 1.19 hands out the paren before it complains, so the parser reports it first.
                emit(ItemType.RIGHT_PAREN);
                parenDepth--;
                if (parenDepth < 0) return errorf("unexpected right paren " + GoText.unicode(r));
                return State.INSIDE_ACTION;
            default:
                break;
        }
        if (r == '+' || r == '-' || ('0' <= r && r <= '9')) {
            backup();
            return State.NUMBER;
        }
        if (isAlphaNumeric(r)) {
            backup();
            return State.IDENTIFIER;
        }
        if (r > ' ' && r < 0x7F) return emit(ItemType.CHAR); // printable ASCII
        return errorf("unrecognized character in action: " + GoText.unicode(r));
    }

    /** A run of spaces; the first is known to be there. A " -}}" ends the action instead. */
    private State lexSpace() {
        int numSpaces = 0;
        while (isSpace(peek())) {
            next();
            numSpaces++;
        }
        if (hasRightTrimMarker(pos - 1) && input.startsWith(RIGHT_DELIM, pos - 1 + TRIM_MARKER_LEN)) {
            backup(); // before the space
            if (numSpaces == 1) return State.RIGHT_DELIM;
        }
        return emit(ItemType.SPACE);
    }

    private State lexIdentifier() {
        int r;
        do {
            r = next();
        } while (isAlphaNumeric(r));
        backup();
        String word = input.substring(start, pos);
        if (!atTerminator()) return errorf("bad character " + GoText.unicode(r));
        ItemType keyword = KEYWORDS.get(word);
        if (keyword != null) {
            boolean plainWord = keyword == ItemType.BREAK && !breakOk || keyword == ItemType.CONTINUE && !continueOk;
            return emit(plainWord ? ItemType.IDENTIFIER : keyword);
        }
        if (word.equals("true") || word.equals("false")) return emit(ItemType.BOOL);
        return emit(ItemType.IDENTIFIER);
    }

    /** {@code .Field} or {@code $var}, the '.' or '$' read; alone it is the dot or {@code $}. */
    private State lexFieldOrVariable(ItemType type) {
        if (atTerminator()) return emit(type == ItemType.VARIABLE ? ItemType.VARIABLE : ItemType.DOT);
        int r;
        do {
            r = next();
        } while (isAlphaNumeric(r));
        backup();
        if (!atTerminator()) return errorf("bad character " + GoText.unicode(r));
        return emit(type);
    }

    /**
     * Whether what follows may end an identifier. Go 1.19 compares only the first rune of the
     * right delimiter, so {@code $x}} ends {@code $x} at a single '}'.
     */
    private boolean atTerminator() {
        int r = peek();
        if (isSpace(r)) return true;
        return switch (r) {
            case EOF, '.', ',', '|', ':', ')', '(', '}' -> true;
            default -> false;
        };
    }

    /** A quoted string, raw string or character constant; the opening quote is read. */
    private State lexQuoted(char quote, boolean escapes, String unterminated, ItemType type) {
        while (true) {
            int r = next();
            if (escapes && r == '\\') {
                r = next();
                if (r != EOF && r != '\n') continue;
                return errorf(unterminated);
            }
            if (r == EOF || (escapes && r == '\n')) return errorf(unterminated);
            if (r == quote) return emit(type);
        }
    }

    /** Numbers as Go writes them; strconv in the parser rejects what is scanned but wrong. */
    private State lexNumber() {
        if (!scanNumber()) return errorf("bad number syntax: " + GoText.quote(input.substring(start, pos)));
        int sign = peek();
        if (sign == '+' || sign == '-') {
            // Complex: 1+2i. No spaces, must end in 'i'.
            if (!scanNumber() || input.charAt(pos - 1) != 'i') {
                return errorf("bad number syntax: " + GoText.quote(input.substring(start, pos)));
            }
            return emit(ItemType.COMPLEX);
        }
        return emit(ItemType.NUMBER);
    }

    private boolean scanNumber() {
        accept("+-");
        String digits = "0123456789_";
        if (accept("0")) {
            // A leading 0 does not mean octal in floats.
            if (accept("xX")) digits = "0123456789abcdefABCDEF_";
            else if (accept("oO")) digits = "01234567_";
            else if (accept("bB")) digits = "01_";
        }
        acceptRun(digits);
        if (accept(".")) acceptRun(digits);
        if (digits.length() == 10 + 1 && accept("eE")) {
            accept("+-");
            acceptRun("0123456789_");
        }
        if (digits.length() == 16 + 6 + 1 && accept("pP")) {
            accept("+-");
            acceptRun("0123456789_");
        }
        accept("i"); // imaginary
        if (isAlphaNumeric(peek())) {
            next();
            return false;
        }
        return true;
    }

    // --- helpers -------------------------------------------------------------------------------

    private boolean atRightDelim() {
        return hasRightTrimMarker(pos) && input.startsWith(RIGHT_DELIM, pos + TRIM_MARKER_LEN)
                || input.startsWith(RIGHT_DELIM, pos);
    }

    private boolean hasLeftTrimMarker(int at) {
        return input.length() - at >= 2 && input.charAt(at) == TRIM_MARKER && isSpace(input.charAt(at + 1));
    }

    private boolean hasRightTrimMarker(int at) {
        return at >= 0 && input.length() - at >= 2 && isSpace(input.charAt(at)) && input.charAt(at + 1) == TRIM_MARKER;
    }

    /** Length of the space at the end of {@code input[from, to)}. */
    private int rightTrimLength(int from, int to) {
        int end = to;
        while (end > from && SPACE_CHARS.indexOf(input.charAt(end - 1)) >= 0) end--;
        return to - end;
    }

    private int leftTrimLength(int from) {
        int end = from;
        while (end < input.length() && SPACE_CHARS.indexOf(input.charAt(end)) >= 0) end++;
        return end - from;
    }

    private int newlines(int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (input.charAt(i) == '\n') n++;
        }
        return n;
    }

    private static boolean isSpace(int r) {
        return r == ' ' || r == '\t' || r == '\r' || r == '\n';
    }

    /** Go's {@code isAlphaNumeric}: '_', a Unicode letter or a decimal digit. */
    private static boolean isAlphaNumeric(int r) {
        return r == '_' || (r >= 0 && (Character.isLetter(r) || Character.isDigit(r)));
    }
}
