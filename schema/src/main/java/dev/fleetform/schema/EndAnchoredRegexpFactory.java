package dev.fleetform.schema;

import java.util.Optional;
import java.util.regex.Pattern;
import org.everit.json.schema.regexp.JavaUtilRegexpFactory;
import org.everit.json.schema.regexp.Regexp;
import org.everit.json.schema.regexp.RegexpFactory;
import org.everit.json.schema.regexp.RegexpMatchingFailure;

/**
 * Schema patterns on java.util.regex with ECMA-262's meaning of a final {@code $}: end of input.
 * A java.util.regex {@code $} also matches before a final line terminator, so {@code "gpu-01\n"}
 * would pass {@code ^[a-z0-9-]+$} and carry a newline into a shell line or a config file; the
 * final {@code $} is compiled as {@code \z}. (RE2J has the right {@code $} too, but costs twice the
 * time on a large fleet; the schema's patterns have no nested ambiguous repetition to backtrack on.)
 */
final class EndAnchoredRegexpFactory implements RegexpFactory {

    /** everit's failure value has no public constructor; it carries nothing, so one instance serves. */
    private static final RegexpMatchingFailure FAILURE =
            new JavaUtilRegexpFactory().createHandler("^(?!)").patternMatchingFailure("").orElseThrow();

    @Override
    public Regexp createHandler(String regex) {
        return new EndAnchored(regex, Pattern.compile(endAnchored(regex)));
    }

    static String endAnchored(String regex) {
        boolean finalDollar = regex.endsWith("$") && !regex.endsWith("\\$");
        return finalDollar ? regex.substring(0, regex.length() - 1) + "\\z" : regex;
    }

    private record EndAnchored(String regex, Pattern pattern) implements Regexp {
        @Override
        public Optional<RegexpMatchingFailure> patternMatchingFailure(String input) {
            return pattern.matcher(input).find() ? Optional.empty() : Optional.of(FAILURE);
        }

        @Override
        public String toString() {
            return regex;
        }
    }
}
