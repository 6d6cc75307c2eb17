package dev.fleetform.compiler.diag;

/** How bad a diagnostic is: errors make a fleet invalid (exit 1), warnings do not. */
public enum Severity {
    ERROR, WARNING;

    public String label() {
        return this == ERROR ? "error" : "warning";
    }
}
