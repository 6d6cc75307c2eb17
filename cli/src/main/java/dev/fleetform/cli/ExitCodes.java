package dev.fleetform.cli;

/** Exit codes shared by every command; CI scripts rely on them (see the README). */
public final class ExitCodes {
    public static final int OK = 0;
    /** The fleet is invalid (validate, compile; plan: the head revision is invalid). */
    public static final int INVALID = 1;
    /** Bad command line (picocli's default for usage errors). */
    public static final int USAGE = 2;
    /** A bug in Fleetform, not in the input (sysexits EX_SOFTWARE). */
    public static final int INTERNAL = 70;

    private ExitCodes() {
    }
}
