package dev.fleetform.compiler.promql;

import java.util.Locale;
import java.util.Map;

import static java.util.Map.entry;

/**
 * A port of Prometheus' {@code promql/parser/lex.go} (2.42) for expressions: same states, same
 * token boundaries, same error texts at the same offsets. Tokens are pulled one at a time, as
 * the Prometheus parser pulls them, so a lexer error surfaces exactly when the parser reaches
 * it. The first error ends lexing ({@link PromQlException}); comments are skipped here instead
 * of being passed to the parser.
 */
final class Lexer {
    private static final int EOF = -1;
    private static final String DIGITS = "0123456789";
    private static final String HEX_DIGITS = "0123456789abcdefABCDEF";

    private static final Map<String, TokenType> KEYWORDS = Map.ofEntries(
            entry("and", TokenType.LAND), entry("or", TokenType.LOR), entry("unless", TokenType.LUNLESS),
            entry("atan2", TokenType.ATAN2),
            entry("sum", TokenType.SUM), entry("avg", TokenType.AVG), entry("count", TokenType.COUNT),
            entry("min", TokenType.MIN), entry("max", TokenType.MAX), entry("group", TokenType.GROUP),
            entry("stddev", TokenType.STDDEV), entry("stdvar", TokenType.STDVAR), entry("topk", TokenType.TOPK),
            entry("bottomk", TokenType.BOTTOMK), entry("count_values", TokenType.COUNT_VALUES),
            entry("quantile", TokenType.QUANTILE),
            entry("offset", TokenType.OFFSET), entry("by", TokenType.BY), entry("without", TokenType.WITHOUT),
            entry("on", TokenType.ON), entry("ignoring", TokenType.IGNORING),
            entry("group_left", TokenType.GROUP_LEFT), entry("group_right", TokenType.GROUP_RIGHT),
            entry("bool", TokenType.BOOL),
            entry("start", TokenType.START), entry("end", TokenType.END),
            entry("inf", TokenType.NUMBER), entry("nan", TokenType.NUMBER));

    private final String input;
    private int pos;
    private int start;
    private int width;

    private int parenDepth;
    private boolean braceOpen;
    private boolean bracketOpen;
    private boolean gotColon;
    /** Set after {@code [}: the next item is lexed as a duration (lex.go's lexDuration state). */
    private boolean durationNext;

    Lexer(String input) {
        this.input = input;
    }

    String input() {
        return input;
    }

    /** The next token; the last one is always {@link TokenType#EOF}. */
    Token next() {
        while (true) {
            Token t;
            if (durationNext) {
                durationNext = false;
                t = lexDuration();
            } else if (braceOpen) {
                t = lexInsideBraces();
            } else {
                t = lexStatement();
            }
            if (t != null) return t;
        }
    }

    // --- states; each returns a token, or null after skipping space or a comment ---

    private Token lexStatement() {
        if (input.startsWith("#", pos)) return skipComment();
        int r = nextChar();
        switch (r) {
            case EOF -> {
                if (parenDepth != 0) throw error("unclosed left parenthesis");
                if (bracketOpen) throw error("unclosed left bracket");
                return emit(TokenType.EOF);
            }
            case ',' -> {
                return emit(TokenType.COMMA);
            }
            case ' ', '\t', '\n', '\r' -> {
                return skipSpaces();
            }
            case '*' -> {
                return emit(TokenType.MUL);
            }
            case '/' -> {
                return emit(TokenType.DIV);
            }
            case '%' -> {
                return emit(TokenType.MOD);
            }
            case '+' -> {
                return emit(TokenType.ADD);
            }
            case '-' -> {
                return emit(TokenType.SUB);
            }
            case '^' -> {
                return emit(TokenType.POW);
            }
            case '=' -> {
                int t = peek();
                if (t == '=') {
                    nextChar();
                    return emit(TokenType.EQLC);
                }
                if (t == '~') throw error("unexpected character after '=': " + GoText.quoteRune(t));
                return emit(TokenType.EQL);
            }
            case '!' -> {
                int t = nextChar();
                if (t == '=') return emit(TokenType.NEQ);
                throw error("unexpected character after '!': " + GoText.quoteRune(t));
            }
            case '<' -> {
                if (peek() == '=') {
                    nextChar();
                    return emit(TokenType.LTE);
                }
                return emit(TokenType.LSS);
            }
            case '>' -> {
                if (peek() == '=') {
                    nextChar();
                    return emit(TokenType.GTE);
                }
                return emit(TokenType.GTR);
            }
            case '"', '\'' -> {
                return lexString(r);
            }
            case '`' -> {
                return lexRawString();
            }
            case '(' -> {
                parenDepth++;
                return emit(TokenType.LEFT_PAREN);
            }
            case ')' -> {
                Token t = emit(TokenType.RIGHT_PAREN);
                // lex.go emits the item and then overwrites it with the error, from after the ')'.
                if (--parenDepth < 0) throw error("unexpected right parenthesis ')'");
                return t;
            }
            case '{' -> {
                braceOpen = true;
                return emit(TokenType.LEFT_BRACE);
            }
            case '[' -> {
                if (bracketOpen) throw error("unexpected left bracket '['");
                gotColon = false;
                Token t = emit(TokenType.LEFT_BRACKET);
                while (isSpace(peek())) nextChar();
                start = pos;
                bracketOpen = true;
                durationNext = true;
                return t;
            }
            case ']' -> {
                if (!bracketOpen) throw error("unexpected right bracket ']'");
                bracketOpen = false;
                return emit(TokenType.RIGHT_BRACKET);
            }
            case '@' -> {
                return emit(TokenType.AT);
            }
            default -> {
                if (isDigit(r) || (r == '.' && isDigit(peek()))) {
                    backup();
                    return lexNumberOrDuration();
                }
                if (isAlpha(r) || r == ':') {
                    if (!bracketOpen) {
                        backup();
                        return lexKeywordOrIdentifier();
                    }
                    // Inside [...] lex.go turns any letter or ':' into the subquery colon.
                    if (gotColon) throw error("unexpected colon " + GoText.quoteRune(r));
                    gotColon = true;
                    return emit(TokenType.COLON);
                }
                throw error("unexpected character: " + GoText.quoteRune(r));
            }
        }
    }

    /** Inside {...} keywords are plain identifiers and only matcher syntax is allowed. */
    private Token lexInsideBraces() {
        if (input.startsWith("#", pos)) return skipComment();
        int r = nextChar();
        switch (r) {
            case EOF -> throw error("unexpected end of input inside braces");
            case ' ', '\t', '\n', '\r' -> {
                return skipSpaces();
            }
            case ',' -> {
                return emit(TokenType.COMMA);
            }
            case '"', '\'' -> {
                return lexString(r);
            }
            case '`' -> {
                return lexRawString();
            }
            case '=' -> {
                if (nextChar() == '~') return emit(TokenType.EQL_REGEX);
                backup();
                return emit(TokenType.EQL);
            }
            case '!' -> {
                int nr = nextChar();
                if (nr == '~') return emit(TokenType.NEQ_REGEX);
                if (nr == '=') return emit(TokenType.NEQ);
                throw error("unexpected character after '!' inside braces: " + GoText.quoteRune(nr));
            }
            case '{' -> throw error("unexpected left brace '{'");
            case '}' -> {
                braceOpen = false;
                return emit(TokenType.RIGHT_BRACE);
            }
            default -> {
                if (isAlpha(r)) {
                    while (isAlphaNumeric(nextChar())) {
                        // absorb
                    }
                    backup();
                    return emit(TokenType.IDENTIFIER);
                }
                throw error("unexpected character inside braces: " + GoText.quoteRune(r));
            }
        }
    }

    private Token lexString(int quote) {
        while (true) {
            int c = nextChar();
            if (c == '\\') {
                lexEscape(quote);
            } else if (c == 0xFFFD) {
                // Go sees U+FFFD as utf8.RuneError, whether written or produced by bad bytes.
                throw error("invalid UTF-8 rune");
            } else if (c == EOF || c == '\n') {
                throw error("unterminated quoted string");
            } else if (c == quote) {
                return emit(TokenType.STRING);
            }
        }
    }

    private Token lexRawString() {
        while (true) {
            int c = nextChar();
            if (c == 0xFFFD) throw error("invalid UTF-8 rune");
            if (c == EOF) throw error("unterminated raw string");
            if (c == '`') return emit(TokenType.STRING);
        }
    }

    /** Checks one escape sequence; the backslash has been read. */
    private void lexEscape(int quote) {
        int ch = nextChar();
        int n;
        int base;
        int max;
        switch (ch) {
            case 'a', 'b', 'f', 'n', 'r', 't', 'v', '\\' -> {
                return;
            }
            case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                n = 3;
                base = 8;
                max = 255;
            }
            case 'x' -> {
                ch = nextChar();
                n = 2;
                base = 16;
                max = 255;
            }
            case 'u' -> {
                ch = nextChar();
                n = 4;
                base = 16;
                max = Character.MAX_CODE_POINT;
            }
            case 'U' -> {
                ch = nextChar();
                n = 8;
                base = 16;
                max = Character.MAX_CODE_POINT;
            }
            case EOF -> throw error("escape sequence not terminated");
            default -> {
                if (ch == quote) return;
                throw error("unknown escape sequence " + GoText.unicode(ch));
            }
        }
        long x = 0;
        while (n > 0) {
            int d = digitValue(ch);
            if (d >= base) {
                if (ch == EOF) throw error("escape sequence not terminated");
                throw error("illegal character " + GoText.unicode(ch) + " in escape sequence");
            }
            x = x * base + d;
            n--;
            if (n > 0) ch = nextChar();
        }
        if (x > max || (0xD800 <= x && x < 0xE000)) throw error("escape sequence is an invalid Unicode code point");
    }

    private Token lexDuration() {
        if (scanNumber()) throw error("missing unit character in duration");
        if (!acceptRemainingDuration()) {
            throw error("bad duration syntax: " + GoText.quote(input.substring(start, pos)));
        }
        backup();
        return emit(TokenType.DURATION);
    }

    private Token lexNumberOrDuration() {
        if (scanNumber()) return emit(TokenType.NUMBER);
        if (acceptRemainingDuration()) {
            backup();
            return emit(TokenType.DURATION);
        }
        throw error("bad number or duration syntax: " + GoText.quote(input.substring(start, pos)));
    }

    /** A unit, then optionally more number-unit pairs; y only first. The next char must end it. */
    private boolean acceptRemainingDuration() {
        if (!accept("smhdwy")) return false;
        accept("s"); // ms; bad units such as "hs" fail later, in the duration parser
        while (accept(DIGITS)) {
            acceptRun(DIGITS);
            if (!accept("smhdw")) return false;
            accept("s");
        }
        return !isAlphaNumeric(nextChar());
    }

    /** Scans something number-like; true when no letter or digit follows it. */
    private boolean scanNumber() {
        String digits = DIGITS;
        if (accept("0") && accept("xX")) digits = HEX_DIGITS;
        acceptRun(digits);
        if (accept(".")) acceptRun(digits);
        if (accept("eE")) {
            accept("+-");
            acceptRun(DIGITS);
        }
        return !isAlphaNumeric(peek());
    }

    private Token lexKeywordOrIdentifier() {
        int r;
        do {
            r = nextChar();
        } while (isAlphaNumeric(r) || r == ':');
        backup();
        String word = input.substring(start, pos);
        TokenType keyword = KEYWORDS.get(word.toLowerCase(Locale.ROOT));
        if (keyword != null) return emit(keyword);
        return emit(word.indexOf(':') < 0 ? TokenType.IDENTIFIER : TokenType.METRIC_IDENTIFIER);
    }

    private Token skipSpaces() {
        while (isSpace(peek())) nextChar();
        start = pos;
        return null;
    }

    private Token skipComment() {
        pos++;
        int r;
        do {
            r = nextChar();
        } while (r != '\r' && r != '\n' && r != EOF);
        backup();
        start = pos;
        return null;
    }

    // --- character plumbing, as in lex.go ---

    private int nextChar() {
        if (pos >= input.length()) {
            width = 0;
            return EOF;
        }
        int r = input.codePointAt(pos);
        width = Character.charCount(r);
        pos += width;
        return r;
    }

    private int peek() {
        int r = nextChar();
        backup();
        return r;
    }

    private void backup() {
        pos -= width;
    }

    private boolean accept(String valid) {
        int r = nextChar();
        if (r != EOF && valid.indexOf(r) >= 0) return true;
        backup();
        return false;
    }

    private void acceptRun(String valid) {
        while (accept(valid)) {
            // consume
        }
    }

    private Token emit(TokenType type) {
        Token t = new Token(type, start, input.substring(start, pos));
        start = pos;
        return t;
    }

    /** A lexer error, reported where the current item started (lex.go's {@code l.start}). */
    private PromQlException error(String message) {
        return new PromQlException(start, message);
    }

    private static int digitValue(int c) {
        if ('0' <= c && c <= '9') return c - '0';
        if ('a' <= c && c <= 'f') return c - 'a' + 10;
        if ('A' <= c && c <= 'F') return c - 'A' + 10;
        return 16;
    }

    static boolean isSpace(int r) {
        return r == ' ' || r == '\t' || r == '\n' || r == '\r';
    }

    private static boolean isDigit(int r) {
        return '0' <= r && r <= '9';
    }

    static boolean isAlpha(int r) {
        return r == '_' || ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z');
    }

    static boolean isAlphaNumeric(int r) {
        return isAlpha(r) || isDigit(r);
    }
}
