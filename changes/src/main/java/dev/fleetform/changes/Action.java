package dev.fleetform.changes;

import java.util.Locale;

/** What a change does to a resource; the value is its glyph in plans, as Terraform shows them. */
public enum Action {
    CREATE("+"), UPDATE("~"), DELETE("-"), REPLACE("-/+");

    private final String glyph;

    Action(String glyph) {
        this.glyph = glyph;
    }

    public String glyph() {
        return glyph;
    }

    /** {@code create}, {@code update}, ...: the name in plan JSON. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
