package dev.fleetform.compiler.emit;

import java.util.List;

/** Every built-in emitter, one per output area. */
public final class Emitters {
    private Emitters() {
    }

    public static List<Emitter> all() {
        return List.of(
        );
    }
}
