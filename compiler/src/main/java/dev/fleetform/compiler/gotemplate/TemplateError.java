package dev.fleetform.compiler.gotemplate;

/**
 * Why Go's text/template parser refuses a template.
 *
 * @param name    the template's name, as Go prints it in the error
 * @param line    1-based line Go reports (of the token the parser stood on)
 * @param offset  0-based char index of that token in the parsed text
 * @param message Go's message without its {@code template: name:line: } prefix
 */
public record TemplateError(String name, int line, int offset, String message) {

    /** The error exactly as Go prints it: {@code template: name:line: message}. */
    public String goError() {
        return "template: " + name + ":" + line + ": " + message;
    }

    /** The same error with the offset moved, for a template parsed behind a prefix. */
    TemplateError shifted(int by) {
        return new TemplateError(name, line, Math.max(0, offset - by), message);
    }
}
