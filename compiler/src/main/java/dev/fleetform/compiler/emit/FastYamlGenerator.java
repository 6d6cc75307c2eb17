package dev.fleetform.compiler.emit;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.core.base.GeneratorBase;
import com.fasterxml.jackson.core.json.JsonWriteContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The generator behind {@link Serializers}' YAML: block-style YAML written straight to UTF-8
 * bytes, byte for byte what Jackson's {@code YAMLGenerator} and SnakeYAML's {@code Emitter} write
 * with Serializers' settings. It exists for speed: under C1, the CLI's only JIT, SnakeYAML's event
 * objects, per-scalar analysis and writer layers made YAML about 1.7 s of CPU in a 10,000-host
 * compile.
 * <p>
 * It is a port of the part of the Emitter those settings reach: block mappings with simple or
 * explicit ({@code ?}) keys, block sequences indented with their indicator, {@code {}} and
 * {@code []} for empty ones, and the Emitter's indentation and line-break bookkeeping. Jackson
 * chooses each scalar's requested style as its YAMLGenerator does; a scalar of printable ASCII is
 * then styled by the Emitter's rules ({@link YamlScalarStyle}). Any other scalar (a line break, a
 * control or non-ASCII character) is rare and is written by SnakeYAML itself: the same Jackson call
 * made on its generator inside mappings nested to the same indentation, its text cut out and
 * spliced in.
 * Documents must be mappings or sequences; Serializers writes scalar documents with SnakeYAML.
 * {@code FastYamlGeneratorTest} proves the identity against the SnakeYAML writer.
 */
final class FastYamlGenerator extends GeneratorBase {
    /** The Emitter's best indent and, with INDENT_ARRAYS_WITH_INDICATOR, its indicator indent. */
    private static final int INDENT = 2;
    /** The Emitter's longest simple key (DumperOptions' default; ALLOW_LONG_KEYS is off). */
    private static final int MAX_SIMPLE_KEY = 128;

    /** What an open block collection expects next. */
    private static final int KEY = 0, SIMPLE_VALUE = 1, EXPLICIT_VALUE = 2, FIRST_ITEM = 3, ITEM = 4;
    /** A collection started and not yet known to be empty (the Emitter's look-ahead). */
    private static final int NONE = 0, MAPPING = 1, SEQUENCE = 2;
    /** Where a scalar stands, for SnakeYAML's text of it. */
    private static final int VALUE = 0, SIMPLE_KEY = 1, EXPLICIT_KEY = 2;

    /** A Jackson call that writes one scalar, made again on SnakeYAML's generator. */
    @FunctionalInterface
    private interface ScalarCall {
        void on(JsonGenerator g) throws IOException;
    }

    private final OutputStream out;
    private final StringQuotingChecker quoting;
    private final ObjectMapper snakeYaml;
    private byte[] buf = new byte[8192];
    private int len;

    // The Emitter's state: current indent (-1: none), where the last character written is and
    // whether it is a whitespace or part of an indentation, and whether a next document must first
    // close this one with "..."
    private int indent = -1;
    private int column;
    private boolean whitespace = true;
    private boolean indention = true;
    private boolean openEnded;
    private int documents;

    // the open block collections: what each expects next, and the indent to restore at its end
    private int[] frames = new int[16];
    private int[] savedIndents = new int[16];
    private int depth;
    private int pending = NONE;
    private boolean pendingInMapping;

    /**
     * @param snakeYaml the mapper of the SnakeYAML writer this generator matches: the codec, and the
     *                  writer of the scalars this class does not style itself
     * @param quoting   that writer's quoting checker
     */
    FastYamlGenerator(OutputStream out, ObjectMapper snakeYaml, StringQuotingChecker quoting) {
        super(JsonGenerator.Feature.collectDefaults(), snakeYaml);
        this.out = out;
        this.snakeYaml = snakeYaml;
        this.quoting = quoting;
    }

    // ---- structure

    @Override
    public void writeStartObject() throws IOException {
        startCollection("start an object", MAPPING);
        _writeContext = _writeContext.createChildObjectContext();
        streamWriteConstraints().validateNestingDepth(_writeContext.getNestingDepth());
    }

    @Override
    public void writeStartArray() throws IOException {
        startCollection("start an array", SEQUENCE);
        _writeContext = _writeContext.createChildArrayContext();
        streamWriteConstraints().validateNestingDepth(_writeContext.getNestingDepth());
    }

    private void startCollection(String what, int kind) throws IOException {
        _verifyValueWrite(what);
        pendingInMapping = beforeNode();
        pending = kind;
    }

    @Override
    public void writeEndObject() throws IOException {
        if (!_writeContext.inObject()) _reportError("Current context not Object but " + _writeContext.typeDesc());
        _writeContext = _writeContext.getParent();
        endCollection("{", "}");
    }

    @Override
    public void writeEndArray() throws IOException {
        if (!_writeContext.inArray()) _reportError("Current context not Array but " + _writeContext.typeDesc());
        _writeContext = _writeContext.getParent();
        endCollection("[", "]");
    }

    private void endCollection(String open, String close) throws IOException {
        if (pending != NONE) {
            // an empty collection is written in flow style
            pending = NONE;
            writeIndicator(open, true, true, false);
            writeIndicator(close, false, false, false);
        } else {
            indent = savedIndents[--depth];
        }
    }

    /** The Emitter's expectBlockMapping / expectBlockSequence, once the collection has an entry. */
    private void resolvePending() {
        if (pending == NONE) return;
        boolean indentless = pending == SEQUENCE && pendingInMapping && !indention;
        if (depth == frames.length) {
            frames = Arrays.copyOf(frames, depth * 2);
            savedIndents = Arrays.copyOf(savedIndents, depth * 2);
        }
        savedIndents[depth] = indent;
        frames[depth++] = pending == MAPPING ? KEY : FIRST_ITEM;
        if (indent < 0) indent = 0;
        else if (!indentless) indent += INDENT;
        pending = NONE;
    }

    /** What the Emitter writes before a node, by where the node stands; returns its mapping context. */
    private boolean beforeNode() throws IOException {
        resolvePending();
        if (depth == 0) {
            startDocument();
            return false;
        }
        switch (frames[depth - 1]) {
            case SIMPLE_VALUE -> {
                frames[depth - 1] = KEY;
                writeIndicator(":", false, false, false);
                return true;
            }
            case EXPLICIT_VALUE -> {
                frames[depth - 1] = KEY;
                writeIndent();
                writeIndicator(":", true, false, true);
                return true;
            }
            case FIRST_ITEM, ITEM -> {
                boolean first = frames[depth - 1] == FIRST_ITEM;
                frames[depth - 1] = ITEM;
                writeIndent();
                if (first) writeWhitespace(INDENT);
                writeIndicator("-", true, false, true);
                if (first) indent += INDENT;
                return false;
            }
            default -> throw new IllegalStateException("a value where the mapping expects a key");
        }
    }

    private void startDocument() throws IOException {
        if (openEnded) {
            writeIndicator("...", true, false, false);
            writeIndent();
        }
        if (documents++ > 0) {
            writeIndent();
            writeIndicator("---", true, false, false);
        }
    }

    @Override
    protected void _verifyValueWrite(String typeMsg) throws IOException {
        if (_writeContext.writeValue() == JsonWriteContext.STATUS_EXPECT_NAME) {
            _reportError("Can not " + typeMsg + ", expecting field name");
        }
        if (_writeContext.inRoot() && _writeContext.getCurrentIndex() > 0) writeIndent(); // end of the previous document
    }

    // ---- keys

    @Override
    public void writeFieldName(String name) throws IOException {
        if (_writeContext.writeFieldName(name) == JsonWriteContext.STATUS_EXPECT_VALUE) {
            _reportError("Can not write a field name, expecting a value");
        }
        key(name, quoting.needToQuoteName(name), false);
    }

    @Override
    public void writeFieldName(SerializableString name) throws IOException {
        writeFieldName(name.getValue());
    }

    @Override
    public void writeFieldId(long id) throws IOException {
        String name = Long.toString(id);
        if (_writeContext.writeFieldName(name) == JsonWriteContext.STATUS_EXPECT_VALUE) {
            _reportError("Can not write a field id, expecting a value");
        }
        key(name, false, true);
    }

    /** The Emitter's expectBlockMappingKey: a simple key on its line, or an explicit "? key". */
    private void key(String name, boolean doubleQuoted, boolean fieldId) throws IOException {
        resolvePending();
        writeIndent();
        YamlScalarStyle style = YamlScalarStyle.of(name, doubleQuoted);
        // the Emitter's checkSimpleKey: short, not empty, without a line break (which ASCII styles have not)
        boolean simple = !name.isEmpty() && name.length() < MAX_SIMPLE_KEY
                && (style != YamlScalarStyle.SNAKEYAML || name.chars().noneMatch(c -> isLineBreak((char) c)));
        frames[depth - 1] = simple ? SIMPLE_VALUE : EXPLICIT_VALUE;
        if (!simple) writeIndicator("?", true, false, true);
        if (style != YamlScalarStyle.SNAKEYAML) {
            write(style, name);
        } else {
            spliced(snakeYamlText(simple ? SIMPLE_KEY : EXPLICIT_KEY,
                    fieldId ? g -> g.writeFieldId(Long.parseLong(name)) : g -> g.writeFieldName(name)));
        }
    }

    private static boolean isLineBreak(char c) {
        return c == '\n' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }

    // ---- scalar values, with the styles YAMLGenerator requests for them

    @Override
    public void writeString(String text) throws IOException {
        if (text == null) {
            writeNull();
            return;
        }
        _verifyValueWrite("write String value");
        beforeScalar();
        // with a line break Jackson requests a literal block, which SnakeYAML writes (or quotes)
        YamlScalarStyle style = text.indexOf('\n') >= 0 ? YamlScalarStyle.SNAKEYAML
                : YamlScalarStyle.of(text, text.isEmpty() || quoting.needToQuoteValue(text) || isPlainNumber(text));
        if (style != YamlScalarStyle.SNAKEYAML) write(style, text);
        else spliced(snakeYamlText(VALUE, g -> g.writeString(text)));
    }

    /** Jackson's PLAIN_NUMBER_P, {@code [+-]?[0-9]*(\.[0-9]*)?}: quoted so it stays a string. */
    private static boolean isPlainNumber(String s) {
        int i = 0, n = s.length();
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
        while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') i++;
        if (i < n && s.charAt(i) == '.') i++;
        while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') i++;
        return i == n;
    }

    @Override
    public void writeString(char[] text, int offset, int length) throws IOException {
        writeString(new String(text, offset, length));
    }

    @Override
    public void writeString(SerializableString text) throws IOException {
        writeString(text.getValue());
    }

    @Override
    public void writeUTF8String(byte[] text, int offset, int length) throws IOException {
        writeString(new String(text, offset, length, StandardCharsets.UTF_8));
    }

    @Override
    public void writeRawUTF8String(byte[] text, int offset, int length) throws IOException {
        _reportUnsupportedOperation();
    }

    @Override
    public void writeBoolean(boolean state) throws IOException {
        writeNumber(state ? "true" : "false");
    }

    @Override
    public void writeNull() throws IOException {
        writeNumber("null");
    }

    @Override
    public void writeNumber(int i) throws IOException {
        writeNumber(Integer.toString(i));
    }

    @Override
    public void writeNumber(long l) throws IOException {
        writeNumber(Long.toString(l));
    }

    @Override
    public void writeNumber(BigInteger v) throws IOException {
        writeNumber(v == null ? null : v.toString());
    }

    @Override
    public void writeNumber(double d) throws IOException {
        writeNumber(Double.toString(d));
    }

    @Override
    public void writeNumber(float f) throws IOException {
        writeNumber(Float.toString(f));
    }

    @Override
    public void writeNumber(BigDecimal v) throws IOException {
        writeNumber(v == null ? null : isEnabled(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN) ? v.toPlainString() : v.toString());
    }

    /** YAMLGenerator writes numbers, booleans and null as plain scalars of their text, as this does. */
    @Override
    public void writeNumber(String encodedValue) throws IOException {
        String text = encodedValue == null ? "null" : encodedValue;
        _verifyValueWrite("write a value");
        beforeScalar();
        YamlScalarStyle style = YamlScalarStyle.of(text, false);
        if (style != YamlScalarStyle.SNAKEYAML) write(style, text);
        else spliced(snakeYamlText(VALUE, g -> g.writeNumber(text)));
    }

    @Override
    public void writeBinary(Base64Variant variant, byte[] data, int offset, int length) throws IOException {
        if (data == null) {
            writeNull();
            return;
        }
        _verifyValueWrite("write Binary value");
        beforeScalar();
        spliced(snakeYamlText(VALUE, g -> g.writeBinary(variant, data, offset, length)));
    }

    private void beforeScalar() throws IOException {
        if (_writeContext.inRoot()) {
            throw new IllegalStateException("a YAML document of a scalar: Serializers writes those with SnakeYAML");
        }
        beforeNode();
    }

    // ---- scalars in the Emitter's styles

    private void write(YamlScalarStyle style, String text) throws IOException {
        switch (style) {
            case PLAIN -> writePlain(text);
            case SINGLE_QUOTED -> writeSingleQuoted(text);
            case DOUBLE_QUOTED -> writeDoubleQuoted(text);
            case SNAKEYAML -> throw new IllegalArgumentException("SnakeYAML writes this scalar: " + text);
        }
    }

    private void writePlain(String text) throws IOException {
        if (text.isEmpty()) return;
        if (!whitespace) writeAscii(" ");
        whitespace = false;
        indention = false;
        writeAscii(text);
    }

    private void writeSingleQuoted(String text) throws IOException {
        writeIndicator("'", true, false, false);
        int start = 0;
        for (int i = text.indexOf('\''); i >= 0; i = text.indexOf('\'', i + 1)) {
            writeAscii(text, start, i + 1);
            writeAscii("'");
            start = i + 1;
        }
        writeAscii(text, start, text.length());
        writeIndicator("'", false, false, false);
    }

    private void writeDoubleQuoted(String text) throws IOException {
        writeIndicator("\"", true, false, false);
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                writeAscii(text, start, i);
                writeAscii("\\");
                start = i;
            }
        }
        writeAscii(text, start, text.length());
        writeIndicator("\"", false, false, false);
    }

    // ---- scalars SnakeYAML writes

    /**
     * SnakeYAML's text for a scalar: the Jackson call made in a document of mappings nested so that
     * the scalar has the same indentation and role, and cut out of it. Its text depends on nothing
     * else. A value's text runs to the end of the document.
     */
    private String snakeYamlText(int role, ScalarCall call) throws IOException {
        int levels = role == SIMPLE_KEY ? 0 : indent / INDENT;
        StringWriter text = new StringWriter();
        try (JsonGenerator g = snakeYaml.getFactory().createGenerator(text)) {
            g.writeStartObject();
            for (int i = 0; i < levels; i++) {
                g.writeFieldName("k");
                g.writeStartObject();
            }
            if (role == VALUE) {
                g.writeFieldName("k");
                call.on(g);
            } else {
                call.on(g);
                g.writeNull();
            }
            for (int i = 0; i <= levels; i++) g.writeEndObject();
        }
        StringBuilder head = new StringBuilder();
        for (int i = 0; i < levels; i++) head.append(" ".repeat(i * INDENT)).append("k:\n");
        String margin = " ".repeat(levels * INDENT);
        head.append(role == VALUE ? margin + "k:" : role == EXPLICIT_KEY ? margin + "?" : "");
        String tail = role == VALUE ? "" : role == SIMPLE_KEY ? ": null\n" : "\n" + margin + ": null\n";
        String doc = text.toString();
        if (doc.length() < head.length() + tail.length() || !doc.startsWith(head.toString()) || !doc.endsWith(tail)) {
            throw new IllegalStateException("SnakeYAML wrote an unexpected document around a scalar:\n" + doc);
        }
        return doc.substring(head.length(), doc.length() - tail.length());
    }

    /**
     * Writes SnakeYAML's text of a scalar. A value's text ends with a line break: the one that ends
     * its line, written again here by what follows, or (a literal block ending in U+2028, say) a
     * break of its own after which the line has ended.
     */
    private void spliced(String text) throws IOException {
        boolean lineEnded = false;
        if (text.endsWith("\n")) text = text.substring(0, text.length() - 1);
        else lineEnded = !text.isEmpty() && isLineBreak(text.charAt(text.length() - 1));
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, len, bytes.length);
        len += bytes.length;
        int lastBreak = text.lastIndexOf('\n');
        column = lineEnded ? 0 : lastBreak < 0 ? column + text.length() : text.length() - lastBreak - 1;
        whitespace = lineEnded;
        indention = lineEnded;
        // a literal block that keeps its final line breaks ("|+") leaves the document open-ended
        int firstBreak = text.indexOf('\n');
        openEnded = text.startsWith(" |") && firstBreak > 0 && text.charAt(firstBreak - 1) == '+';
    }

    // ---- the Emitter's writers

    private void writeIndicator(String indicator, boolean needWhitespace, boolean whitespaceAfter, boolean indentation)
            throws IOException {
        if (!whitespace && needWhitespace) writeAscii(" ");
        whitespace = whitespaceAfter;
        indention = indention && indentation;
        openEnded = false;
        writeAscii(indicator);
    }

    private void writeIndent() throws IOException {
        int to = Math.max(indent, 0);
        if (!indention || column > to || (column == to && !whitespace)) {
            ensure(1);
            buf[len++] = '\n';
            column = 0;
            whitespace = true;
            indention = true;
        }
        writeWhitespace(to - column);
    }

    private void writeWhitespace(int n) throws IOException {
        if (n <= 0) return;
        whitespace = true;
        ensure(n);
        Arrays.fill(buf, len, len + n, (byte) ' ');
        len += n;
        column += n;
    }

    private void writeAscii(String s) throws IOException {
        writeAscii(s, 0, s.length());
    }

    private void writeAscii(String s, int from, int to) throws IOException {
        int n = to - from;
        ensure(n);
        for (int i = from; i < to; i++) buf[len++] = (byte) s.charAt(i);
        column += n;
    }

    private void ensure(int n) throws IOException {
        if (len + n <= buf.length) return;
        flushBuffer();
        if (n > buf.length) buf = new byte[Math.max(n, buf.length * 2)];
    }

    private void flushBuffer() throws IOException {
        out.write(buf, 0, len);
        len = 0;
    }

    // ---- the rest of a generator

    @Override
    public void flush() throws IOException {
        flushBuffer();
        if (isEnabled(Feature.FLUSH_PASSED_TO_STREAM)) out.flush();
    }

    @Override
    public void close() throws IOException {
        if (isClosed()) return;
        if (documents > 0) writeIndent(); // end of the document
        flushBuffer();
        if (isEnabled(Feature.AUTO_CLOSE_TARGET)) out.close();
        else if (isEnabled(Feature.FLUSH_PASSED_TO_STREAM)) out.flush();
        super.close();
    }

    @Override
    protected void _releaseBuffers() {
        buf = null;
    }

    @Override
    public Version version() {
        return Version.unknownVersion();
    }

    @Override
    public Object getOutputTarget() {
        return out;
    }

    @Override
    public boolean canWriteFormattedNumbers() {
        return true;
    }

    /** As YAMLGenerator: databind then asks for native type and object ids, which this does not write. */
    @Override
    public boolean canWriteTypeId() {
        return true;
    }

    @Override
    public boolean canWriteObjectId() {
        return true;
    }

    @Override
    public void writeTypeId(Object id) throws IOException {
        _reportUnsupportedOperation();
    }

    @Override
    public void writeObjectId(Object id) throws IOException {
        _reportUnsupportedOperation();
    }

    @Override
    public void writeObjectRef(Object id) throws IOException {
        _reportUnsupportedOperation();
    }

    // raw text could not keep the Emitter's bookkeeping; GeneratorBase's writeRawValue ends here too
    @Override
    public void writeRaw(String text) throws IOException {
        _reportUnsupportedOperation();
    }

    @Override
    public void writeRaw(String text, int offset, int length) throws IOException {
        _reportUnsupportedOperation();
    }

    @Override
    public void writeRaw(char[] text, int offset, int length) throws IOException {
        _reportUnsupportedOperation();
    }

    @Override
    public void writeRaw(char c) throws IOException {
        _reportUnsupportedOperation();
    }
}
