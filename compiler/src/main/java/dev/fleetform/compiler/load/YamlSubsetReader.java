package dev.fleetform.compiler.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * A hand-written reader for the subset of YAML that fleet files are written in, tried before
 * {@link YamlTreeReader} because SnakeYAML's scanner is most of the cost of loading a large fleet.
 * It builds exactly the tree and the locations that {@link YamlTreeReader} would, or gives up
 * (returns null, leaving the {@link LocationTable} untouched) so that SnakeYAML reads the file
 * and reports whatever is wrong with it. It never reports anything itself.
 *
 * <p>The subset: a block mapping or block sequence at the root; block mappings with plain or
 * quoted keys; block sequences, also "indentless" ones under a key; {@code - key: value} items
 * with more keys under them; flow mappings and sequences, nested, also over several lines (breaks
 * only between entries); plain scalars on one line; single- and double-quoted scalars on one line
 * (every SnakeYAML escape); whole-line and trailing comments; blank lines; CRLF line ends.
 * It gives up on everything else: anchors, aliases, tags, block scalars, multi-line scalars,
 * complex keys, document markers and directives, duplicate keys, merge keys, tabs outside quoted
 * scalars, characters SnakeYAML treats specially or rejects, empty documents, documents too deep
 * or with too long lines, keys over 1000 characters, and numbers that are not canonical decimals
 * (0755, 1_000, 1e3, -0, 1.10: Jackson and {@link Scalars} decide those) or have over 18 digits.
 */
final class YamlSubsetReader {

    private static final JsonNodeFactory NODES = YamlTreeReader.NODES;
    /** The resolver Jackson's YAMLParser uses to type plain scalars (YAML 1.1: null, bool, int, float, timestamp). */
    private static final Resolver RESOLVER = new Resolver();
    /** SnakeYAML drops a simple key longer than 1024 code points; well below that, so chars can be counted. */
    private static final int MAX_KEY = 1000;
    /** Longest canonical integer typed here: Jackson types 19 digits and more by value (long or BigInteger). */
    private static final int MAX_INTEGER_DIGITS = 18;
    /** Longer decimals are left to Jackson's number-length constraints. */
    private static final int MAX_DECIMAL = 100;
    /** Fleet files hold a node per 13 to 14 characters: the table is sized once for a bit more. */
    private static final int CHARS_PER_NODE = 12;
    /** Texts up to this long are shared between occurrences, in a cache of this many slots. */
    private static final int MAX_SHARED = 32;
    private static final int SHARED_SLOTS = 1024;

    /** Unwinds the reader when it gives up: at most once per file, so no stack trace is filled in. */
    private static final class GiveUp extends RuntimeException {
        GiveUp() {
            super(null, null, false, false);
        }
    }

    private static final GiveUp GIVE_UP = new GiveUp();

    /** ASCII characters that simply continue a plain scalar in block and in flow context (the rest are looked at). */
    private static final boolean[] BLOCK_PLAIN = ordinary(" :\t\r\n");
    private static final boolean[] FLOW_PLAIN = ordinary(" :\t\r\n,[]{}?");

    private static boolean[] ordinary(String special) {
        boolean[] table = new boolean[0x80];
        for (char c = 0x20; c < 0x7F; c++) table[c] = special.indexOf(c) < 0;
        return table;
    }

    private final String s;
    /** The text's characters, read by index (every character at least once, many twice). */
    private final char[] t;
    private final int n;
    /** The text has surrogate pairs: columns count code points, as SnakeYAML does. */
    private boolean astral;
    private int pos;
    private int line = 1;
    private int lineStart;
    /** Indentation of the content line that {@code pos} is on, -1 once the input is used up. */
    private int pending;
    private int depth;
    /** The end of the plain key that {@link #keyEnd} found last. */
    private int plainKeyEnd;
    /** Where the last plain scan stopped: a ':' ending a key, a comment, a line end or, in flow context, an indicator. */
    private int stop;

    /** Nodes go straight into the table, in YamlTreeReader's order; giving up rolls them back. */
    private final LocationTable table;
    private final int file;
    private final String[] sharedKeys = new String[SHARED_SLOTS];
    private final String[] sharedTexts = new String[SHARED_SLOTS];
    private final JsonNode[] sharedNodes = new JsonNode[SHARED_SLOTS];

    private YamlSubsetReader(String text, LocationTable table, int file) {
        this.s = text;
        this.t = text.toCharArray();
        this.n = text.length();
        this.table = table;
        this.file = file;
    }

    /** The tree of {@code text}, with its locations added to the table; null when the text is not in the subset. */
    static YamlTreeReader.Result read(String text, LocationTable table, int file) {
        int mark = table.nodeCount();
        YamlSubsetReader reader = new YamlSubsetReader(text, table, file);
        try {
            return reader.document();
        } catch (GiveUp e) {
            table.rollback(mark);
            return null;
        }
    }

    private YamlTreeReader.Result document() {
        if (!plainCharacters()) throw GIVE_UP;
        pending = toContent();
        if (pending < 0) throw GIVE_UP; // empty or only comments: YamlTreeReader reports it
        table.reserve(n / CHARS_PER_NODE);
        int root = newNode(-1, null, 0, location(pos));
        JsonNode tree = block(pending, root);
        if (pending >= 0) throw GIVE_UP;
        return new YamlTreeReader.Result(tree, root);
    }

    /**
     * One pass over the text for what no rule below would catch: characters SnakeYAML rejects or
     * treats as line breaks, lone carriage returns, a byte order mark inside the text, directives
     * and document markers at the start of a line, and lines at or over YamlTreeReader.MAX_LINE.
     */
    private boolean plainCharacters() {
        int start = 0;
        if (lineStartsBadly(0)) return false;
        for (int i = 0; i < n; i++) {
            char c = t[i];
            if (c >= 0x20 && c < 0x7F) continue;
            if (c == '\n') {
                if (i - start >= YamlTreeReader.MAX_LINE) return false;
                start = i + 1;
                if (lineStartsBadly(start)) return false;
            } else if (c == '\r') {
                if (i + 1 == n || t[i + 1] != '\n') return false;
            } else if (c == '\t') {
                // only inside quoted scalars; the scanners below give up on it anywhere else
            } else if (c < 0xA0 || c == 0x2028 || c == 0x2029 || c == 0xFEFF || c >= 0xFFFE) {
                return false; // C0/C1 controls, DEL, NEL, line/paragraph separators, BOM, non-characters
            } else if (Character.isSurrogate(c)) {
                if (!Character.isHighSurrogate(c) || i + 1 == n || !Character.isLowSurrogate(t[i + 1])) return false;
                astral = true;
                i++;
            }
        }
        return n - start < YamlTreeReader.MAX_LINE;
    }

    /** A directive or a document marker at the start of a line. */
    private boolean lineStartsBadly(int at) {
        return at < n && (t[at] == '%' || s.startsWith("---", at) || s.startsWith("...", at));
    }

    // ---- block context

    /** A block mapping or sequence whose first token is at {@code pos}, {@code indent} columns in. */
    private JsonNode block(int indent, int id) {
        setValue(id, location(pos));
        if (isEntry(pos)) return sequence(indent, id);
        if (keyEnd(pos) < 0) throw GIVE_UP;
        return mapping(indent, id);
    }

    private ObjectNode mapping(int indent, int id) {
        enter();
        ObjectNode object = NODES.objectNode();
        while (true) {
            long keyAt = location(pos);
            String key = key();
            if (key.equals("<<")) throw GIVE_UP;
            int child = newNode(id, key, 0, keyAt);
            if (object.replace(key, mappingValue(indent, child)) != null) throw GIVE_UP; // a duplicate key
            if (pending < indent) break;
            if (pending > indent || isEntry(pos)) throw GIVE_UP;
        }
        depth--;
        return object;
    }

    /** The value after a key's ':' (at {@code pos}) of a mapping {@code indent} columns in. */
    private JsonNode mappingValue(int indent, int id) {
        long afterColon = location(pos);
        skipSpaces();
        if (!atLineEnd()) return inlineValue(id, indent);
        endLine();
        if (pending > indent) return block(pending, id);
        if (pending == indent && isEntry(pos)) {
            setValue(id, location(pos));
            return sequence(indent, id); // an "indentless" sequence: its dashes under the key
        }
        setValue(id, afterColon); // SnakeYAML places an empty value just after the ':'
        return NODES.nullNode();
    }

    private ArrayNode sequence(int indent, int id) {
        enter();
        table.markList(id);
        ArrayNode list = NODES.arrayNode();
        while (true) {
            pos++; // the '-'
            skipSpaces();
            if (atLineEnd() || isEntry(pos)) throw GIVE_UP; // an item on the next lines, or "- - x"
            int child = newNode(id, null, list.size(), location(pos));
            if (keyEnd(pos) >= 0) {
                setValue(child, location(pos));
                list.add(mapping(pos - lineStart, child)); // "- key: value", more keys under the first
            } else {
                list.add(inlineValue(child, indent));
            }
            if (pending < indent) break;
            if (pending > indent) throw GIVE_UP;
            if (!isEntry(pos)) break;
        }
        depth--;
        return list;
    }

    /** A value that starts on the current line and ends it; then moves to the next content line. */
    private JsonNode inlineValue(int id, int blockIndent) {
        setValue(id, location(pos));
        char c = t[pos];
        JsonNode value;
        if (c == '[' || c == '{') {
            value = flow(id, blockIndent);
        } else if (c == '"' || c == '\'') {
            value = NODES.textNode(quoted());
        } else if (plainStart(pos, false)) {
            int end = plainEnd(pos, false);
            if (at(stop) == ':') throw GIVE_UP; // "a: b: c" is an error in SnakeYAML
            value = plainNode(pos, end);
            pos = stop;
        } else {
            throw GIVE_UP;
        }
        skipSpaces();
        if (!atLineEnd()) throw GIVE_UP;
        endLine();
        return value;
    }

    /** Reads a key and its ':' at {@code pos}; leaves {@code pos} after the ':'. */
    private String key() {
        int colon = keyEnd(pos);
        if (colon < 0) throw GIVE_UP;
        String key;
        char c = t[pos];
        if (c == '"' || c == '\'') {
            key = quoted();
        } else {
            key = shared(pos, plainKeyEnd);
        }
        pos = colon + 1;
        return key;
    }

    /**
     * The index of the ':' if a simple key (plain or quoted, on this line, followed by ':' and a
     * space or the line end) starts at {@code at}; else -1.
     */
    private int keyEnd(int at) {
        char c = t[at];
        int colon;
        if (c == '"' || c == '\'') {
            int saved = pos;
            pos = at;
            quoted();
            colon = pos;
            pos = saved;
            while (colon < n && t[colon] == ' ') colon++;
            if (colon == n || t[colon] != ':') return -1;
        } else if (plainStart(at, false)) {
            plainKeyEnd = plainEnd(at, false);
            if (at(stop) != ':') return -1;
            colon = stop;
        } else {
            return -1;
        }
        if (colon - at > MAX_KEY) throw GIVE_UP;
        int after = colon + 1;
        if (after < n && t[after] != ' ' && t[after] != '\n' && t[after] != '\r') throw GIVE_UP;
        return colon;
    }

    /**
     * Scans a plain scalar on one line; returns its end (trailing spaces excluded) and leaves
     * {@code stop} where scanning stopped. In flow context a flow indicator ends it too, as does a
     * ':' before one.
     */
    private int plainEnd(int from, boolean flow) {
        boolean[] ordinary = flow ? FLOW_PLAIN : BLOCK_PLAIN;
        int i = from;
        int end = from;
        while (i < n) {
            char c = t[i];
            if (c >= 0x80 || ordinary[c]) {
                end = ++i;
                continue;
            }
            if (c == ' ') {
                int j = i + 1;
                while (j < n && t[j] == ' ') j++;
                i = j;
                if (j == n || t[j] == '#' || t[j] == '\n' || t[j] == '\r') break;
                continue;
            }
            if (c == '\n' || c == '\r' || (flow && isFlowIndicator(c))) break;
            if (c == '\t' || (flow && c == '?')) throw GIVE_UP;
            if (c == ':' && (i + 1 == n || isBlank(t[i + 1]) || (flow && isFlowIndicator(t[i + 1])))) break;
            end = ++i;
        }
        stop = i;
        return end;
    }

    // ---- flow context

    /** A flow mapping or sequence at {@code pos}; line breaks are allowed between its entries. */
    private JsonNode flow(int id, int blockIndent) {
        enter();
        boolean isList = t[pos] == '[';
        char close = isList ? ']' : '}';
        pos++;
        JsonNode result;
        if (isList) {
            table.markList(id);
            ArrayNode list = NODES.arrayNode();
            flowSpace(blockIndent);
            while (t[pos] != ']') {
                int child = newNode(id, null, list.size(), location(pos));
                list.add(flowValue(child, blockIndent));
                flowSeparator(blockIndent, close);
            }
            result = list;
        } else {
            ObjectNode object = NODES.objectNode();
            flowSpace(blockIndent);
            while (t[pos] != '}') {
                long keyAt = location(pos);
                String key = flowKey();
                if (key.equals("<<")) throw GIVE_UP;
                int child = newNode(id, key, 0, keyAt);
                if (object.replace(key, flowValue(child, blockIndent)) != null) throw GIVE_UP; // a duplicate key
                flowSeparator(blockIndent, close);
            }
            result = object;
        }
        pos++; // the closing bracket
        depth--;
        return result;
    }

    /** A flow mapping's key and ': ', all on one line; leaves {@code pos} at the value. */
    private String flowKey() {
        int at = pos;
        char c = t[at];
        String key;
        if (c == '"' || c == '\'') {
            key = quoted();
        } else if (plainStart(at, true)) {
            key = shared(at, plainEnd(at, true));
            pos = stop;
        } else {
            throw GIVE_UP;
        }
        skipSpaces();
        if (pos - at > MAX_KEY || pos + 1 >= n || t[pos] != ':' || t[pos + 1] != ' ') throw GIVE_UP;
        pos++;
        skipSpaces();
        char v = at(pos);
        if (v == 0 || v == ',' || v == '}' || v == ']' || v == '#' || v == '\n' || v == '\r') throw GIVE_UP; // no empty values
        return key;
    }

    private JsonNode flowValue(int id, int blockIndent) {
        setValue(id, location(pos));
        char c = t[pos];
        if (c == '[' || c == '{') return flow(id, blockIndent);
        if (c == '"' || c == '\'') return NODES.textNode(quoted());
        if (!plainStart(pos, true)) throw GIVE_UP;
        int end = plainEnd(pos, true);
        if (at(stop) == ':') throw GIVE_UP; // "[a: b]" is a single-pair mapping
        JsonNode value = plainNode(pos, end);
        pos = stop;
        return value;
    }

    /** After a flow entry: a ',' and the next entry, or the closing bracket (no trailing comma). */
    private void flowSeparator(int blockIndent, char close) {
        flowSpace(blockIndent);
        char c = t[pos];
        if (c == close) return;
        if (c != ',') throw GIVE_UP;
        pos++;
        flowSpace(blockIndent);
        c = t[pos];
        if (c == ']' || c == '}' || c == ',') throw GIVE_UP;
    }

    /**
     * Skips spaces, comments and line breaks inside a flow collection. A continued line must be
     * indented deeper than the block collection around the flow one.
     */
    private void flowSpace(int blockIndent) {
        while (true) {
            skipSpaces();
            if (pos == n) throw GIVE_UP; // unterminated
            char c = t[pos];
            if (c == '#') {
                if (pos != lineStart && t[pos - 1] != ' ') throw GIVE_UP;
                skipComment();
                continue;
            }
            if (c != '\n' && c != '\r') return;
            nextLine();
            int indent = 0;
            while (pos < n && t[pos] == ' ') {
                pos++;
                indent++;
            }
            if (pos < n && t[pos] != '\n' && t[pos] != '\r' && t[pos] != '#' && indent <= blockIndent) {
                throw GIVE_UP;
            }
        }
    }

    // ---- scalars

    /**
     * Whether a plain scalar starts at {@code at}: not an indicator, or a '-' followed by an
     * ordinary character. ('?' and ':' may start one in block context too; they are left to SnakeYAML.)
     */
    private boolean plainStart(int at, boolean flow) {
        char c = t[at];
        if (c == '-') {
            if (at + 1 == n) return false;
            char d = t[at + 1];
            return !isBlank(d) && d != '#' && d != ':' && d != '?' && !(flow && isFlowIndicator(d));
        }
        return switch (c) {
            case ' ', '\t', '\r', '\n', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`' -> false;
            default -> true;
        };
    }

    /** A single- or double-quoted scalar at {@code pos}, on one line; leaves {@code pos} after the closing quote. */
    private String quoted() {
        char quote = t[pos];
        int from = pos + 1;
        int i = from;
        StringBuilder sb = null;
        while (true) {
            if (i == n) throw GIVE_UP;
            char c = t[i];
            if (c == '\n' || c == '\r') throw GIVE_UP; // multi-line scalars fold their breaks
            if (c == quote) {
                if (quote == '\'' && i + 1 < n && t[i + 1] == '\'') {
                    if (sb == null) sb = new StringBuilder();
                    sb.append(s, from, i + 1);
                    i += 2;
                    from = i;
                    continue;
                }
                break;
            }
            if (c == '\\' && quote == '"') {
                if (sb == null) sb = new StringBuilder();
                sb.append(s, from, i);
                i = escape(i, sb);
                from = i;
                continue;
            }
            i++;
        }
        pos = i + 1;
        if (sb == null) return s.substring(from, i);
        return sb.append(s, from, i).toString();
    }

    /** Appends the escape at {@code at} (a backslash) as SnakeYAML decodes it; returns the index after it. */
    private int escape(int at, StringBuilder sb) {
        if (at + 1 == n) throw GIVE_UP;
        char e = t[at + 1];
        String single = switch (e) {
            case '0' -> "\0";
            case 'a' -> "\u0007";
            case 'b' -> "\b";
            case 't' -> "\t";
            case 'n' -> "\n";
            case 'v' -> "\u000B";
            case 'f' -> "\f";
            case 'r' -> "\r";
            case 'e' -> "\u001B";
            case ' ' -> " ";
            case '"' -> "\"";
            case '\\' -> "\\";
            case 'N' -> "\u0085";
            case '_' -> "\u00A0";
            case 'L' -> "\u2028";
            case 'P' -> "\u2029";
            default -> null;
        };
        if (single != null) {
            sb.append(single);
            return at + 2;
        }
        int digits = e == 'x' ? 2 : e == 'u' ? 4 : e == 'U' ? 8 : 0;
        int from = at + 2;
        if (digits == 0 || from + digits > n) throw GIVE_UP; // unknown escape, or a line-continuing backslash
        long code = 0;
        for (int i = from; i < from + digits; i++) {
            int d = Character.digit(t[i], 16);
            if (d < 0 || t[i] > 'f') throw GIVE_UP;
            code = code * 16 + d;
        }
        if (code > Character.MAX_CODE_POINT || (code >= Character.MIN_SURROGATE && code <= Character.MAX_SURROGATE)) throw GIVE_UP;
        sb.appendCodePoint((int) code);
        return from + digits;
    }

    /**
     * The node of the plain scalar {@code s[from, to)}. Short texts repeat (keys, profile names,
     * durations): one String and one immutable node serve every occurrence.
     */
    private JsonNode plainNode(int from, int to) {
        if (to - from > MAX_SHARED) return plain(s.substring(from, to));
        int slot = slot(from, to);
        String text = sharedTexts[slot];
        if (text != null && text.length() == to - from && s.startsWith(text, from)) return sharedNodes[slot];
        text = s.substring(from, to);
        JsonNode node = plain(text);
        sharedTexts[slot] = text;
        sharedNodes[slot] = node;
        return node;
    }

    /** The text {@code s[from, to)}, shared with earlier occurrences (keys repeat for every host). */
    private String shared(int from, int to) {
        if (to - from > MAX_SHARED) return s.substring(from, to);
        int slot = slot(from, to);
        String text = sharedKeys[slot];
        if (text != null && text.length() == to - from && s.startsWith(text, from)) return text;
        text = s.substring(from, to);
        sharedKeys[slot] = text;
        return text;
    }

    private int slot(int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) h = 31 * h + t[i];
        return (h ^ h >>> 16) & (SHARED_SLOTS - 1);
    }

    /**
     * A plain scalar typed as YamlTreeReader types it: Jackson's YAMLParser resolves it with
     * SnakeYAML's resolver (booleans only true/false, yes/no/on/off stay strings; timestamps stay
     * strings), then {@link Scalars} keeps only canonical numbers. Other number spellings give up.
     */
    private static JsonNode plain(String text) {
        if (Scalars.isCanonicalInteger(text)) {
            int digits = text.charAt(0) == '-' ? text.length() - 1 : text.length();
            if (digits > MAX_INTEGER_DIGITS) throw GIVE_UP;
            // as YAMLParser: nine digits or fewer an int, ten an int when it fits, else a long
            long value = Long.parseLong(text);
            if (digits <= 9 || digits == 10 && value == (int) value) return NODES.numberNode((int) value);
            return NODES.numberNode(value);
        }
        int dot = text.indexOf('.');
        if (dot >= 0 && text.indexOf('.', dot + 1) >= 0) {
            return NODES.textNode(text); // no resolver pattern admits two dots (addresses, versions): skip the regexes
        }
        Tag tag = RESOLVER.resolve(NodeId.scalar, text, true);
        if (tag == Tag.STR || tag == Tag.TIMESTAMP) return NODES.textNode(text);
        if (tag == Tag.NULL) return NODES.nullNode();
        if (tag == Tag.BOOL) {
            return switch (text) {
                case "true", "True", "TRUE" -> NODES.booleanNode(true);
                case "false", "False", "FALSE" -> NODES.booleanNode(false);
                default -> NODES.textNode(text);
            };
        }
        if (tag == Tag.FLOAT && text.length() <= MAX_DECIMAL && Scalars.isCanonicalDecimal(text)) return Scalars.decimal(text, NODES);
        throw GIVE_UP;
    }

    // ---- lines, spaces and comments

    /** The character at {@code i}, or 0 past the end (the text has no NUL: see {@link #plainCharacters}). */
    private char at(int i) {
        return i < n ? t[i] : 0;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    private static boolean isFlowIndicator(char c) {
        return c == ',' || c == '[' || c == ']' || c == '{' || c == '}';
    }

    /** A block sequence entry: '-' followed by a space or the line end. */
    private boolean isEntry(int at) {
        if (t[at] != '-') return false;
        if (at + 1 == n) return true;
        char c = t[at + 1];
        if (c == '\t') throw GIVE_UP;
        return c == ' ' || c == '\n' || c == '\r';
    }

    private void skipSpaces() {
        while (pos < n && t[pos] == ' ') pos++;
        if (pos < n && t[pos] == '\t') throw GIVE_UP;
    }

    /** At the end of input, a line break, or a comment (a '#' after a space). */
    private boolean atLineEnd() {
        if (pos == n) return true;
        char c = t[pos];
        return c == '\n' || c == '\r' || c == '#' && pos > lineStart && t[pos - 1] == ' ';
    }

    /** From a line end (see {@link #atLineEnd}) to the next content line. */
    private void endLine() {
        if (pos < n && t[pos] == '#') skipComment();
        if (pos < n) nextLine();
        pending = toContent();
    }

    private void skipComment() {
        while (pos < n) {
            char c = t[pos];
            if (c == '\n' || c == '\r') return;
            if (c == '\t') throw GIVE_UP;
            pos++;
        }
    }

    /** Past the line break at {@code pos}. */
    private void nextLine() {
        if (t[pos] == '\r') pos++;
        pos++;
        line++;
        lineStart = pos;
    }

    /**
     * From the start of a line, past blank and comment lines to the first character of the next
     * content line; returns its indentation, or -1 at the end of input.
     */
    private int toContent() {
        while (true) {
            int indent = 0;
            while (pos < n && t[pos] == ' ') {
                pos++;
                indent++;
            }
            if (pos == n) return -1;
            char c = t[pos];
            if (c == '#') {
                skipComment();
                if (pos == n) return -1;
            } else if (c == '\t') {
                throw GIVE_UP;
            } else if (c != '\n' && c != '\r') {
                return indent;
            }
            nextLine();
        }
    }

    private void enter() {
        if (++depth > YamlTreeReader.MAX_DEPTH) throw GIVE_UP;
    }

    /** Line and column (1-based, in code points as SnakeYAML counts) of index {@code at} on the current line. */
    private long location(int at) {
        int column = at - lineStart + 1;
        if (astral) {
            for (int i = lineStart; i < at; i++) {
                if (Character.isLowSurrogate(t[i])) column--;
            }
        }
        return (long) line << 32 | column;
    }

    // ---- locations

    /** A node at {@code at} (packed line and column), linked under its parent unless it is the root. */
    private int newNode(int parent, String key, int index, long at) {
        int id = table.newNode(file, (int) (at >>> 32), (int) at);
        if (parent >= 0) {
            if (key != null) table.link(parent, key, id);
            else table.link(parent, index, id);
        }
        return id;
    }

    private void setValue(int id, long at) {
        table.setValue(id, (int) (at >>> 32), (int) at);
    }
}
