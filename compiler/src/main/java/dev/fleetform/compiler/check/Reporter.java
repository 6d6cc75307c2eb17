package dev.fleetform.compiler.check;

import dev.fleetform.compiler.diag.Location;
import dev.fleetform.compiler.diag.Origin;

/** How a rule reports: the rule id is filled in, the origin is resolved to file:line:col. */
public interface Reporter {

    /** An error at the element itself (its key, or its list item). */
    void error(Origin at, String message, String hint);

    void warning(Origin at, String message, String hint);

    /** An error at an exact location, e.g. a column inside a PromQL expression. */
    void error(Location at, String message, String hint);
}
