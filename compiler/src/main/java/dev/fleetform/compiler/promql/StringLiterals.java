package dev.fleetform.compiler.promql;

/**
 * The value of a string token ({@code strutil.Unquote}). The lexer has already refused bad
 * escapes, so this only decodes: Go escapes in "..." and '...', nothing in `...` except that
 * carriage returns are dropped.
 */
final class StringLiterals {
    private StringLiterals() {
    }

    static String unquote(String token) {
        String body = token.substring(1, token.length() - 1);
        if (token.charAt(0) == '`') return body.replace("\r", "");
        if (body.indexOf('\\') < 0) return body;
        StringBuilder out = new StringBuilder(body.length());
        int i = 0;
        while (i < body.length()) {
            char c = body.charAt(i++);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = body.charAt(i++);
            switch (e) {
                case 'a' -> out.append('\u0007');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'v' -> out.append('\u000b');
                case 'x' -> {
                    out.append((char) Integer.parseInt(body, i, i + 2, 16));
                    i += 2;
                }
                case 'u' -> {
                    out.appendCodePoint(Integer.parseInt(body, i, i + 4, 16));
                    i += 4;
                }
                case 'U' -> {
                    out.appendCodePoint(Integer.parseInt(body, i, i + 8, 16));
                    i += 8;
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        out.append((char) Integer.parseInt(body, i - 1, i + 2, 8));
                        i += 2;
                    } else {
                        out.append(e); // \\, \" or \'
                    }
                }
            }
        }
        return out.toString();
    }
}
