package dev.fleetform.compiler.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Plain scalars: only canonical numbers and true/false are typed; everything else keeps its written text. */
class ScalarTypingTest {

    @TempDir
    Path tmp;

    private JsonNode value(String written) {
        var loaded = new Fixture(tmp).write("fleet.yaml", "v: " + written + "\n").load();
        loaded.assertClean();
        return loaded.document().get("v");
    }

    @ParameterizedTest(name = "{0} stays the string \"{0}\"")
    @ValueSource(strings = {
            "0755", "0x1F", "0o17", "1_000", "+5", "1.10", "1e3", ".5", "-0", "1.", "0.50",
            ".inf", "-.inf", ".nan", "0b101", "12:30", "yes", "no", "on", "off", "y", "n", "2024-01-01"})
    void nonCanonicalPlainScalarsKeepTheirText(String written) {
        JsonNode v = value(written);
        assertEquals(JsonNodeType.STRING, v.getNodeType(), () -> written + " became " + v.getNodeType());
        assertEquals(written, v.asText());
    }

    @Test
    void canonicalIntegers() {
        assertEquals(12, value("12").intValue());
        assertTrue(value("12").isInt());
        assertEquals(-3, value("-3").intValue());
        assertEquals(0, value("0").intValue());
        assertTrue(value("8589934592").isLong());
        assertEquals(8589934592L, value("8589934592").longValue());
        assertEquals(new BigInteger("99999999999999999999"), value("99999999999999999999").bigIntegerValue());
    }

    @Test
    void canonicalDecimals() {
        assertTrue(value("1.5").isDouble());
        assertEquals(1.5, value("1.5").doubleValue());
        assertEquals(-0.25, value("-0.25").doubleValue());
        assertEquals(1.0, value("1.0").doubleValue());
        // more digits than a double holds: kept exactly
        JsonNode precise = value("3.14159265358979323846");
        assertTrue(precise.isBigDecimal());
        assertEquals(new BigDecimal("3.14159265358979323846"), precise.decimalValue());
    }

    @Test
    void booleansAndNulls() {
        assertEquals(JsonNodeType.BOOLEAN, value("true").getNodeType());
        assertEquals(false, value("false").booleanValue());
        assertTrue(value("null").isNull());
        assertTrue(value("~").isNull());
        assertTrue(value("").isNull());
    }

    @ParameterizedTest(name = "quoted {0} is a string")
    @ValueSource(strings = {"'12'", "\"12\"", "'true'", "\"null\"", "''", "\"1.5\""})
    void quotedScalarsAreAlwaysStrings(String written) {
        JsonNode v = value(written);
        assertEquals(JsonNodeType.STRING, v.getNodeType());
        assertEquals(written.substring(1, written.length() - 1), v.asText());
    }
}
