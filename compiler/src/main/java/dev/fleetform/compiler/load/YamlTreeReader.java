package dev.fleetform.compiler.load;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.fasterxml.jackson.dataformat.yaml.snakeyaml.error.Mark;
import com.fasterxml.jackson.dataformat.yaml.snakeyaml.error.MarkedYAMLException;
import dev.fleetform.compiler.diag.Diagnostics;
import dev.fleetform.compiler.diag.Location;
import java.io.IOException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;

/**
 * One streaming pass over a YAML text that builds the Jackson tree and records every node's
 * location in the {@link LocationTable}: key location for object members, item location for list
 * items, value location for every node. YAML features that would silently change values are
 * refused here (anchors and aliases, merge keys, tags, duplicate keys, more than one document).
 */
final class YamlTreeReader {

    /** Fleet documents are at most this big; the limit is checked on the bytes, before parsing. */
    static final int MAX_BYTES = 16 * 1024 * 1024;
    /**
     * SnakeYAML copies its buffer for every 1 KiB it reads ahead inside one token, so a token of
     * n characters costs n²/1024: a 16 MiB comment line takes minutes. Lines are capped well
     * below that (a 64 KiB line costs about a millisecond).
     */
    static final int MAX_LINE = 64 * 1024;
    /** Deeper nesting than any fleet needs; refused before it costs anything. */
    static final int MAX_DEPTH = 64;

    private static final YAMLFactory FACTORY = new EventYamlFactory(YAMLFactory.builder()
            .loaderOptions(loaderOptions())
            // our own depth check comes first; Jackson's stops what it skips (a duplicate key's value)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH + 1).build())
            .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
            .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL));

    static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final String CORE_TAGS = "tag:yaml.org,2002:";
    private static final String ALIAS_HINT = "write the value out, or use a profile";

    private final LocationTable table;
    private final int file;
    private final String fileName;
    private final Diagnostics out;
    private String source;
    private EventYamlFactory.Parser parser;
    private int depth;

    private YamlTreeReader(LocationTable table, int file, Diagnostics out) {
        this.table = table;
        this.file = file;
        this.fileName = table.file(file);
        this.out = out;
    }

    /** Thrown (rarely, without a stack trace) to abandon a document that cannot be used at all. */
    private static final class Abandon extends RuntimeException {
        Abandon() {
            super(null, null, false, false);
        }
    }

    /** What one file gave: its tree (null when nothing is usable) and the id of its root node. */
    record Result(JsonNode root, int rootId) {}

    /**
     * Parses {@code text}, which belongs to {@code file} in the table. Problems go to {@code out};
     * the returned root is null when the document is empty or unusable.
     */
    static Result read(String text, LocationTable table, int file, Diagnostics out) {
        // the plain subset fleets are written in is read by hand, several times faster; SnakeYAML
        // reads (and reports on) everything else exactly as before
        Result subset = YamlSubsetReader.read(text, table, file);
        return subset != null ? subset : readWithSnakeYaml(text, table, file, out);
    }

    /** As {@link #read}, always through SnakeYAML (the reference that YamlSubsetReader is tested against). */
    static Result readWithSnakeYaml(String text, LocationTable table, int file, Diagnostics out) {
        return new YamlTreeReader(table, file, out).read(text);
    }

    private Result read(String text) {
        int rootId = -1;
        source = text;
        if (refuseLongLine(text)) return new Result(null, table.newNode(file, 1, 1));
        try (EventYamlFactory.Parser p = (EventYamlFactory.Parser) FACTORY.createParser(text)) {
            parser = p;
            JsonToken first = p.nextToken();
            boolean emptyDocument = first == JsonToken.VALUE_NULL && p.getText().isEmpty();
            if (first == null || emptyDocument) {
                // "---" alone is an empty document too: say so rather than "expected an object"
                rootId = table.newNode(file, 1, 1);
                if (!(emptyDocument && moreDocuments())) emptyFile();
                return new Result(null, rootId);
            }
            JsonLocation at = p.currentTokenLocation();
            rootId = table.newNode(file, at.getLineNr(), at.getColumnNr());
            JsonNode root = value(first, rootId);
            moreDocuments();
            return new Result(root, rootId);
        } catch (Abandon e) {
            return new Result(null, rootId < 0 ? table.newNode(file, 1, 1) : rootId);
        } catch (MarkedYAMLException e) {
            syntaxError(e);
        } catch (StreamConstraintsException e) {
            out.error("YAML-TOO-DEEP", where(e), "the document nests deeper than " + MAX_DEPTH + " levels",
                    "flatten the structure; no fleet key nests this deep");
        } catch (JsonProcessingException e) {
            if (!refuseComplexKey()) out.error("YAML-SYNTAX", where(e), e.getOriginalMessage(), "check the YAML syntax near here");
        } catch (IOException e) {
            out.error("FILE-UNREADABLE", Location.ofFile(fileName), String.valueOf(e.getMessage()), null);
        }
        return new Result(null, rootId < 0 ? table.newNode(file, 1, 1) : rootId);
    }

    /** Builds the node whose first token is current; {@code id} already has its key/item location. */
    private JsonNode value(JsonToken token, int id) throws IOException {
        JsonLocation at = parser.currentTokenLocation();
        table.setValue(id, at.getLineNr(), at.getColumnNr());
        refuseProperties(at);
        return switch (token) {
            case START_OBJECT -> object(id, at);
            case START_ARRAY -> list(id, at);
            default -> scalar(token, at);
        };
    }

    private ObjectNode object(int id, JsonLocation at) throws IOException {
        enter(at);
        ObjectNode object = NODES.objectNode();
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            JsonLocation keyAt = parser.currentTokenLocation();
            refuseProperties(keyAt);
            refuseLoneSurrogate(key, keyAt);
            JsonToken valueToken = parser.nextToken();
            if ("<<".equals(key)) {
                out.error("YAML-ALIAS", here(keyAt), "merge key '<<' is not supported", ALIAS_HINT);
                parser.skipChildren();
                continue;
            }
            if (object.has(key)) {
                Location first = table.location(table.child(id, key));
                out.error("YAML-DUPLICATE-KEY", here(keyAt),
                        "duplicate key '" + key + "' (first defined at " + first + ")",
                        "remove one of them, or merge them into one");
                parser.skipChildren();
                continue;
            }
            int child = table.newNode(file, keyAt.getLineNr(), keyAt.getColumnNr());
            table.link(id, key, child);
            object.set(key, value(valueToken, child));
        }
        expectEnd(token, JsonToken.END_OBJECT);
        depth--;
        return object;
    }

    private ArrayNode list(int id, JsonLocation at) throws IOException {
        enter(at);
        table.markList(id);
        ArrayNode list = NODES.arrayNode();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY && token != null) {
            JsonLocation itemAt = parser.currentTokenLocation();
            int child = table.newNode(file, itemAt.getLineNr(), itemAt.getColumnNr());
            table.link(id, list.size(), child);
            list.add(value(token, child));
        }
        expectEnd(token, JsonToken.END_ARRAY);
        depth--;
        return list;
    }

    private JsonNode scalar(JsonToken token, JsonLocation at) throws IOException {
        if (parser.isCurrentAlias()) {
            out.error("YAML-ALIAS", here(at), "alias '*" + parser.getText() + "' is not supported", ALIAS_HINT);
            return NODES.nullNode();
        }
        return switch (token) {
            case VALUE_NULL -> NODES.nullNode();
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> Scalars.number(parser, NODES);
            default -> {
                String text = parser.getText();
                refuseLoneSurrogate(text, at);
                yield NODES.textNode(text);
            }
        };
    }

    /**
     * Anchors and tags on the current node, whatever its kind: an anchor only serves aliases
     * (refused), and a tag retypes the value or, as {@code !!str}, does what quoting does.
     */
    private void refuseProperties(JsonLocation at) {
        Event event = parser.event();
        if (event instanceof AliasEvent) return; // reported as an alias
        if (event instanceof NodeEvent node && node.getAnchor() != null) {
            out.error("YAML-ALIAS", here(at), "anchor '&" + node.getAnchor() + "' is not supported", ALIAS_HINT);
        }
        String tag = event instanceof ScalarEvent scalar ? scalar.getTag()
                : event instanceof CollectionStartEvent collection ? collection.getTag() : null;
        if (tag != null) {
            out.error("YAML-TAG", here(at), "tag '" + writtenTag(at, tag) + "' is not supported",
                    "remove the tag; quote the value if it must be a string");
        }
    }

    /** The tag as the node's properties (at {@code at}, maybe after an anchor) spell it, e.g. {@code !<tag:yaml.org,2002:str>}. */
    private String writtenTag(JsonLocation at, String tag) {
        int i = TextPosition.offset(source, at.getLineNr(), at.getColumnNr());
        if (i >= 0 && source.charAt(i) == '&') { // an anchor first: "&a !!str x"
            while (i < source.length() && source.charAt(i) != ' ') i++;
            while (i < source.length() && source.charAt(i) == ' ') i++;
        }
        if (i < 0 || i >= source.length() || source.charAt(i) != '!') {
            return tag.startsWith(CORE_TAGS) ? "!!" + tag.substring(CORE_TAGS.length()) : tag;
        }
        int end = i + 1;
        boolean verbatim = end < source.length() && source.charAt(end) == '<';
        while (end < source.length()) {
            char c = source.charAt(end);
            if (verbatim ? c == '>' : c == ' ' || c == ',' || c == ']' || c == '}' || TextPosition.isBreak(c)) break;
            end++;
        }
        return source.substring(i, verbatim ? Math.min(end + 1, source.length()) : end);
    }

    /**
     * A double-quoted escape of half a UTF-16 surrogate pair ({@code "\\ud83d"}) gives a char that is
     * no character: no UTF-8 output can hold it, and promtool refuses the rule file it ends up in.
     */
    private void refuseLoneSurrogate(String text, JsonLocation at) {
        if (!LoneSurrogates.in(text)) return;
        LoneSurrogates.Escape escape = LoneSurrogates.escapeIn(source, at.getLineNr(), at.getColumnNr());
        Location where = escape == null ? here(at) : new Location(fileName, escape.line(), escape.column());
        String message = escape == null
                ? "the text holds half of a UTF-16 surrogate pair, which on its own stands for no character"
                : "the escape '" + escape.text() + "' is half of a UTF-16 surrogate pair; on its own it stands for no character";
        out.error("YAML-ESCAPE", where, message,
                "write the character itself, or escape its code point as \\U and 8 hex digits (e.g. \\U0001F600)");
    }

    /**
     * Jackson stops at a key that is not a scalar with its own wording ("Expected a field name ...
     * AliasEvent"): an alias as a key is an alias, a list or map as a key is said in words.
     */
    private boolean refuseComplexKey() {
        Event event = parser == null ? null : parser.event();
        if (event == null || !parser.getParsingContext().inObject() || event.getStartMark() == null) return false;
        Location at = new Location(fileName, event.getStartMark().getLine() + 1, event.getStartMark().getColumn() + 1);
        if (event instanceof AliasEvent alias) {
            out.error("YAML-ALIAS", at, "alias '*" + alias.getAnchor() + "' is not supported", ALIAS_HINT);
            return true;
        }
        if (event instanceof CollectionStartEvent) {
            out.error("YAML-SYNTAX", at, "a key must be a name, not a list or a map", "write the key as a plain or quoted name");
            return true;
        }
        return false;
    }

    private void emptyFile() {
        out.error("FILE-EMPTY", Location.ofFile(fileName), "the file has no YAML content (it is empty or only comments)",
                "write the fleet's keys, or remove the file");
    }

    private void enter(JsonLocation at) {
        if (++depth > MAX_DEPTH) {
            out.error("YAML-TOO-DEEP", here(at), "the document nests deeper than " + MAX_DEPTH + " levels",
                    "flatten the structure; no fleet key nests this deep");
            throw new Abandon();
        }
    }

    private void expectEnd(JsonToken token, JsonToken end) {
        if (token != end) {
            // The parser ends a structure only with its end token; anything else is a truncated stream.
            out.error("YAML-SYNTAX", here(parser.currentLocation()), "unexpected end of the document", null);
            throw new Abandon();
        }
    }

    /** After the first document only end of input may follow (empty documents are tolerated); true if something did. */
    private boolean moreDocuments() throws IOException {
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.VALUE_NULL && parser.getText().isEmpty()) {
            // "---" followed by nothing: an empty document, harmless
        }
        if (token == null) return false;
        out.error("YAML-MULTI-DOC", here(parser.currentTokenLocation()),
                "a second YAML document starts here; a fleet file holds one document",
                "remove the '---' separator and merge the documents, or move the rest to an included file");
        return true;
    }

    /** Reports the first line longer than {@link #MAX_LINE} characters, at the first character past the limit. */
    private boolean refuseLongLine(String text) {
        int line = 1;
        int lineStart = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') i++;
                line++;
                lineStart = i + 1;
            } else if (i - lineStart == MAX_LINE) {
                out.error("YAML-TOO-LARGE", new Location(fileName, line, MAX_LINE + 1),
                        "the line is longer than " + MAX_LINE + " characters",
                        "break the value over several lines (a block scalar: key: |), or shorten it");
                return true;
            }
        }
        return false;
    }

    private void syntaxError(MarkedYAMLException e) {
        Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        Location where = mark == null ? Location.ofFile(fileName) : new Location(fileName, mark.getLine() + 1, mark.getColumn() + 1);
        String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem();
        if (problem.contains("\\t(TAB)")) {
            out.error("YAML-TABS", where, "a tab is used for indentation or spacing; YAML allows only spaces there",
                    "replace the tab with spaces (tabs are fine inside quoted strings)");
            return;
        }
        String message = problem;
        Mark contextMark = e.getContextMark();
        if (e.getContext() != null) {
            boolean elsewhere = contextMark != null && mark != null && contextMark.getIndex() != mark.getIndex();
            message += " (" + e.getContext()
                    + (elsewhere ? " that starts at " + (contextMark.getLine() + 1) + ":" + (contextMark.getColumn() + 1) : "") + ")";
        }
        out.error("YAML-SYNTAX", where, message, "check the indentation, quoting and ':' near here");
    }

    /** Where Jackson stopped: the exception's location, else the parser's (constraint errors carry none). */
    private Location where(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        if (at == null && parser != null) at = parser.currentLocation();
        return at == null ? Location.ofFile(fileName) : here(at);
    }

    private Location here(JsonLocation at) {
        return new Location(fileName, at.getLineNr(), at.getColumnNr());
    }

    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_BYTES);
        options.setProcessComments(false);
        return options;
    }
}
