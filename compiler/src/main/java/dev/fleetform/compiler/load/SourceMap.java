package dev.fleetform.compiler.load;

import dev.fleetform.compiler.diag.Location;
import dev.fleetform.compiler.diag.Origin;

/**
 * Maps JSON pointers of the loaded document to where they were written. Built once by the
 * loader while it streams the YAML (a Jackson tree carries no locations).
 */
public interface SourceMap {

    /**
     * Location of the key (for an object member) or of the item (for a list element) at this
     * pointer; when the pointer has no entry (a missing key), the nearest ancestor's.
     */
    Location locate(String pointer);

    /** Location of the scalar value at this pointer (after {@code key: }), else {@link #locate}. */
    Location locateValue(String pointer);

    /**
     * The text of one line of a loaded file (1-based, without its line break), or null when the
     * text is not known. For rules that point inside a value, e.g. at a column of a PromQL
     * expression, and so must see how the value was written (quoted, block scalar, ...).
     */
    default String lineText(String file, int line) {
        return null;
    }

    default Location locate(Origin origin) {
        return locate(origin.pointer());
    }

    default Location locateValue(Origin origin) {
        return locateValue(origin.pointer());
    }
}
