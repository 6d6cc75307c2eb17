package dev.fleetform.compiler.diag;

import java.util.Comparator;

/**
 * One problem found in a fleet: where it is, which rule found it, what is wrong and how to fix it.
 * Diagnostics are collected and reported together, never thrown.
 *
 * @param ruleId  stable id such as {@code RAID-MEMBERS} or {@code YAML-DUPLICATE-KEY}; documented in the README
 * @param hint    a sentence telling the user what to do, or {@code null}
 */
public record Diagnostic(Severity severity, String ruleId, Location location, String message, String hint) {

    /** File, then line, then column, then rule id: stable output order for reviewable CI logs. */
    public static final Comparator<Diagnostic> ORDER = Comparator
            .comparing((Diagnostic d) -> d.location().file())
            .thenComparingInt(d -> d.location().line())
            .thenComparingInt(d -> d.location().column())
            .thenComparing(Diagnostic::ruleId)
            .thenComparing(Diagnostic::message);

    public static Diagnostic error(String ruleId, Location location, String message, String hint) {
        return new Diagnostic(Severity.ERROR, ruleId, location, message, hint);
    }

    public static Diagnostic warning(String ruleId, Location location, String message, String hint) {
        return new Diagnostic(Severity.WARNING, ruleId, location, message, hint);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
