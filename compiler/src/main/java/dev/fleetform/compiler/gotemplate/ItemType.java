package dev.fleetform.compiler.gotemplate;

/** The lexer's token types ({@code itemType} in Go's text/template/parse/lex.go). */
enum ItemType {
    ERROR,          // error occurred; the value is the message
    BOOL,           // true or false
    CHAR,           // printable ASCII character; grab bag for comma etc.
    CHAR_CONSTANT,  // character constant 'x'
    COMPLEX,        // complex constant 1+2i
    ASSIGN,         // '=' of an assignment
    DECLARE,        // ':=' of a declaration
    EOF,
    FIELD,          // alphanumeric identifier starting with '.'
    IDENTIFIER,     // alphanumeric identifier not starting with '.'
    LEFT_DELIM,
    LEFT_PAREN,
    NUMBER,
    PIPE,
    RAW_STRING,     // `raw`, quotes included
    RIGHT_DELIM,
    RIGHT_PAREN,
    SPACE,          // run of spaces separating arguments
    STRING,         // "quoted", quotes included
    TEXT,           // plain text outside actions
    VARIABLE,       // $, $x
    // Keywords, printed as <word> in messages.
    BLOCK,
    BREAK,
    CONTINUE,
    DOT,
    DEFINE,
    ELSE,
    END,
    IF,
    NIL,
    RANGE,
    TEMPLATE,
    WITH;

    boolean keyword() {
        return ordinal() >= BLOCK.ordinal();
    }
}
