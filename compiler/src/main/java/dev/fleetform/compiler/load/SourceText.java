package dev.fleetform.compiler.load;

import dev.fleetform.compiler.diag.Diagnostics;
import dev.fleetform.compiler.diag.Location;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Bytes to text, strictly UTF-8: a lenient decoder would turn a Latin-1 "é" into U+FFFD and
 * the fleet would silently carry a different value. A UTF-8 byte order mark is dropped.
 */
final class SourceText {

    private SourceText() {}

    /** The decoded text, or null after reporting {@code YAML-ENCODING}. */
    static String decode(byte[] bytes, String file, Diagnostics out) {
        String wide = wideEncoding(bytes);
        if (wide != null) {
            out.error("YAML-ENCODING", Location.ofFile(file), "the file is " + wide + ", not UTF-8",
                    "save it as UTF-8 (without a byte order mark)");
            return null;
        }
        int start = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        // The JDK's String decoding is several times faster than a CharsetDecoder (an ASCII file is
        // copied as it is). It turns malformed input into U+FFFD, so only a text holding U+FFFD
        // goes through the strict decoder below: to report the bad byte, or to keep a genuine U+FFFD.
        String fast = new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8);
        if (fast.indexOf('\uFFFD') < 0) return fast;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer text = CharBuffer.allocate(bytes.length - start);
        CoderResult result = decoder.decode(in, text, true);
        if (!result.isError()) result = decoder.flush(text);
        if (result.isError()) {
            int bad = in.position();
            out.error("YAML-ENCODING", locate(bytes, start, bad, file),
                    String.format("the file is not valid UTF-8: byte 0x%02X cannot start or continue a character", bytes[bad] & 0xFF),
                    "save the file as UTF-8 (this byte suggests Latin-1 or Windows-1252)");
            return null;
        }
        text.flip();
        return text.toString();
    }

    /** UTF-16/32, by byte order mark or by the zero bytes that ASCII text takes in them. */
    private static String wideEncoding(byte[] b) {
        if (b.length >= 4 && b[0] == 0 && b[1] == 0 && (b[2] & 0xFF) == 0xFE && (b[3] & 0xFF) == 0xFF) return "UTF-32 (big-endian byte order mark)";
        if (b.length >= 4 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE && b[2] == 0 && b[3] == 0) return "UTF-32 (little-endian byte order mark)";
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) return "UTF-16 (big-endian byte order mark)";
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) return "UTF-16 (little-endian byte order mark)";
        if (b.length >= 2 && (b[0] == 0) != (b[1] == 0)) return "UTF-16 or UTF-32 (it has zero bytes between characters)";
        return null;
    }

    /** Line and column (in characters, as the YAML parser counts) of a byte offset. */
    private static Location locate(byte[] bytes, int start, int offset, String file) {
        int line = 1;
        int column = 1;
        for (int i = start; i < offset; i++) {
            int b = bytes[i] & 0xFF;
            if (b == '\n' || (b == '\r' && (i + 1 >= bytes.length || bytes[i + 1] != '\n'))) {
                line++;
                column = 1;
            } else if ((b & 0xC0) != 0x80) {
                column++;
            }
        }
        return new Location(file, line, column);
    }
}
