package dev.fleetform.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.everit.json.schema.regexp.Regexp;
import org.junit.jupiter.api.Test;

/** A final {@code $} means end of input, as in ECMA-262 and in editors, not "before a final newline". */
class EndAnchoredRegexpFactoryTest {
    private final EndAnchoredRegexpFactory factory = new EndAnchoredRegexpFactory();

    @Test
    void aTrailingNewlineDoesNotMatch() {
        Regexp name = factory.createHandler("^[a-z0-9-]+$");
        assertTrue(name.patternMatchingFailure("gpu-01").isEmpty());
        assertTrue(name.patternMatchingFailure("gpu-01\n").isPresent());
        assertTrue(name.patternMatchingFailure("gpu-01\r\n").isPresent());
    }

    @Test
    void onlyAFinalUnescapedDollarIsRewritten() {
        assertEquals("^a\\z", EndAnchoredRegexpFactory.endAnchored("^a$"));
        assertEquals("^a\\$", EndAnchoredRegexpFactory.endAnchored("^a\\$"));
        assertEquals("^(a$|b)", EndAnchoredRegexpFactory.endAnchored("^(a$|b)"));
    }
}
