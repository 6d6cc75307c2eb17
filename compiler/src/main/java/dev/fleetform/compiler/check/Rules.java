package dev.fleetform.compiler.check;

import java.util.List;

/** Every semantic rule, in the order they run. Add yours as one line (trailing comma kept). */
public final class Rules {
    private Rules() {
    }

    private static final Rule[] ALL = {
    };

    public static List<Rule> all() {
        return List.of(ALL);
    }
}
