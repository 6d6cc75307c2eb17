package dev.fleetform.cli;

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
        subcommands = {ValidateCommand.class, CompileCommand.class, PlanCommand.class, SchemaCommand.class, CommandLine.HelpCommand.class})
public final class FleetformCommand {

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "print stack traces of internal errors (for bug reports)")
    boolean debug;

    public static CommandLine commandLine() {
        FleetformCommand top = new FleetformCommand();
        CommandLine cl = new CommandLine(top);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((e, cmd, parseResult) -> internalError(e, top.debug, cmd.getErr()));
        return cl;
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
