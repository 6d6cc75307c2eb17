package dev.fleetform.compiler.check;

import java.util.ArrayList;
import java.util.List;

/** Edits of YAML fixtures that keep indentation intact and fail loudly when the text is missing. */
public final class FixtureText {
    private FixtureText() {
    }

    /** Drops every whole line containing {@code text}. */
    public static String removeLines(String yaml, String text) {
        List<String> kept = new ArrayList<>();
        boolean found = false;
        for (String line : yaml.split("\n", -1)) {
            if (line.contains(text)) found = true;
            else kept.add(line);
        }
        if (!found) throw new IllegalArgumentException("fixture has no line with '" + text + "'");
        return String.join("\n", kept);
    }
}
