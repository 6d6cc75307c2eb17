package dev.fleetform.cli;

import dev.fleetform.compiler.fault.FleetformException;
import dev.fleetform.compiler.fault.OutputNotWritable;
import dev.fleetform.compiler.fault.RevisionUnavailable;
import dev.fleetform.compiler.fault.SourceUnreadable;

/** Exit codes shared by every command; CI scripts rely on them (see the README). */
public final class ExitCodes {
    public static final int OK = 0;
    /** The fleet is invalid (validate, compile; plan: the head revision is invalid). */
    public static final int INVALID = 1;
    /** Bad command line (picocli's default for usage errors). */
    public static final int USAGE = 2;
    /** An input other than the fleet cannot be read: plan's revision (e.g. the base was not fetched) or repository, compile's templates. */
    public static final int UNREADABLE = 4;
    /** A bug in Fleetform, not in the input (sysexits EX_SOFTWARE). */
    public static final int INTERNAL = 70;
    /** An output (compile's DIR, plan's --out) cannot be written, or an earlier one not removed (sysexits EX_CANTCREAT). */
    public static final int CANNOT_WRITE = 73;

    private ExitCodes() {
    }

    /** The exit code of each kind of operational failure, for every command. */
    static int of(FleetformException e) {
        return switch (e) {
            case RevisionUnavailable r -> UNREADABLE;
            case SourceUnreadable s -> UNREADABLE;
            case OutputNotWritable o -> CANNOT_WRITE;
        };
    }
}
