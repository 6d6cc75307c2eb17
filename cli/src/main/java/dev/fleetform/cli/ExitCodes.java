package dev.fleetform.cli;

/** Exit codes shared by every command; CI scripts rely on them (see the README). */
public final class ExitCodes {
    public static final int OK = 0;
    /** The fleet is invalid (validate, compile; plan: the head revision is invalid). */
    public static final int INVALID = 1;
    /**
     * An output cannot be written or an earlier one removed (a full disk, a read-only directory...):
     * the user's environment, not the fleet. The same code as an invalid fleet: either way, nothing
     * new is usable, and CI scripts already fail on 1.
     */
    public static final int IO = 1;
    /** Bad command line (picocli's default for usage errors). */
    public static final int USAGE = 2;
    /** A bug in Fleetform, not in the input (sysexits EX_SOFTWARE). */
    public static final int INTERNAL = 70;

    private ExitCodes() {
    }
}
