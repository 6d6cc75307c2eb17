package dev.fleetform.compiler.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** [YAML-ENCODING]: only UTF-8 is read, strictly; the first bad byte is located. */
class EncodingTest {

    @TempDir
    Path tmp;

    @Test
    void latin1IsLocatedAtTheFirstBadByte() {
        byte[] latin1 = "kind: Fleet\nmetadata:\n  name: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        var loaded = new Fixture(tmp).write("fleet.yaml", latin1).load();
        var d = loaded.single("YAML-ENCODING", "fleet/fleet.yaml:3:12");
        assertEquals("the file is not valid UTF-8: byte 0xE9 cannot start or continue a character", d.message());
        assertNull(loaded.document());
    }

    @Test
    void columnsCountCharactersNotBytes() {
        byte[] good = "a: \u00e9\u00e9 ".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[good.length + 1];
        System.arraycopy(good, 0, bytes, 0, good.length);
        bytes[good.length] = (byte) 0xFF;
        new Fixture(tmp).write("fleet.yaml", bytes).load().single("YAML-ENCODING", "fleet/fleet.yaml:1:7");
    }

    @Test
    void anEncodedSurrogateIsNotUtf8() {
        // ED A0 80 would be U+D800: lenient decoders turn it into U+FFFD, the strict one refuses it
        byte[] bytes = {'a', ':', ' ', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '\n'};
        var d = new Fixture(tmp).write("fleet.yaml", bytes).load().single("YAML-ENCODING", "fleet/fleet.yaml:1:4");
        assertEquals("the file is not valid UTF-8: byte 0xED cannot start or continue a character", d.message());
    }

    @Test
    void aReplacementCharacterWrittenInTheFileIsKept() {
        var loaded = new Fixture(tmp).write("fleet.yaml", "kind: Fleet\nnote: a\uFFFDb\n").load();
        loaded.assertClean();
        assertEquals("a\uFFFDb", loaded.document().get("note").asText());
    }

    @Test
    void utf16WithByteOrderMarkSaysSo() {
        byte[] utf16 = "\uFEFFkind: Fleet\n".getBytes(StandardCharsets.UTF_16LE);
        var d = new Fixture(tmp).write("fleet.yaml", utf16).load().single("YAML-ENCODING", "fleet/fleet.yaml:1:1");
        assertEquals("the file is UTF-16 (little-endian byte order mark), not UTF-8", d.message());
        assertEquals("save it as UTF-8 (without a byte order mark)", d.hint());
    }

    @Test
    void utf16BigEndianWithoutByteOrderMark() {
        byte[] utf16 = "kind: Fleet\n".getBytes(StandardCharsets.UTF_16BE);
        var d = new Fixture(tmp).write("fleet.yaml", utf16).load().single("YAML-ENCODING", "fleet/fleet.yaml:1:1");
        assertEquals("the file is UTF-16 or UTF-32 (it has zero bytes between characters), not UTF-8", d.message());
    }
}
