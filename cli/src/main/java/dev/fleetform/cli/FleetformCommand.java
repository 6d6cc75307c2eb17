package dev.fleetform.cli;

import dev.fleetform.compiler.fault.FleetformException;
import dev.fleetform.compiler.work.Workers;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.io.PrintWriter;

/** The top-level command: a verb per stage of the data flow. */
@Command(name = "fleetform",
        // INHERIT: -h/--help and -V/--version on every subcommand too (validate --help, plan -V, ...)
        scope = ScopeType.INHERIT,
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "GitOps for storage and GPU fleets: one fleet.yaml in git, checked, compiled, planned and reconciled.",
        subcommands = {ValidateCommand.class, CompileCommand.class, PlanCommand.class, DriftCommand.class, ApplyCommand.class, ReconcileCommand.class, SchemaCommand.class, AotTrainingCommand.class, CommandLine.HelpCommand.class})
public final class FleetformCommand {

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "print stack traces of internal errors (for bug reports)")
    boolean debug;

    /** The process's threads, for the subcommands (they reach this through {@code @ParentCommand}). */
    private final Workers workers;

    private FleetformCommand(Workers workers) {
        this.workers = workers;
    }

    /** The command line, computing on {@code workers}; the caller closes them. */
    public static CommandLine commandLine(Workers workers) {
        FleetformCommand top = new FleetformCommand(workers);
        CommandLine cl = new CommandLine(top);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((e, cmd, parseResult) -> e instanceof FleetformException f
                ? failure(f, cmd.getCommandName(), top.debug, cmd.getErr())
                : internalError(e, top.debug, cmd.getErr()));
        return cl;
    }

    /** The command line on the calling thread only (for tools that only parse, such as the CI workflow test). */
    public static CommandLine commandLine() {
        return commandLine(Workers.callerOnly());
    }

    Workers workers() {
        return workers;
    }

    /**
     * A failure of the user's environment (a revision not fetched, an output that cannot be
     * written): what happened and what to do, then the exit code of that kind of failure.
     */
    static int failure(FleetformException e, String command, boolean debug, PrintWriter err) {
        err.println("fleetform " + command + ": " + e.getMessage());
        err.println("  hint: " + e.hint());
        if (debug) e.printStackTrace(err);
        err.flush();
        return ExitCodes.of(e);
    }

    /**
     * Bad input is reported as diagnostics, so an exception here is a bug in Fleetform: one line,
     * not a stack trace, unless --debug asks for it.
     */
    static int internalError(Exception e, boolean debug, PrintWriter err) {
        if (debug) {
            e.printStackTrace(err);
        } else {
            String msg = e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("");
            err.println("fleetform: internal error: " + e.getClass().getSimpleName() + msg
                    + " (this is a bug; run again with --debug for details)");
        }
        err.flush();
        return ExitCodes.INTERNAL;
    }
}
