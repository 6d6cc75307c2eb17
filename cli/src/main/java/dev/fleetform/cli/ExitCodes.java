package dev.fleetform.cli;

/** Exit codes shared by every command; CI scripts rely on them. */
public final class ExitCodes {
    public static final int OK = 0;
    /** The fleet is invalid (validate, compile, plan of an invalid head). */
    public static final int INVALID = 1;
    /** Bad command line; for {@code plan}, "there are changes". */
    public static final int USAGE = 2;

    private ExitCodes() {
    }
}
