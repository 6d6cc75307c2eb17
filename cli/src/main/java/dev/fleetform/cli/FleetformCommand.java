package dev.fleetform.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level command: a verb per stage of the data flow. */
@Command(name = "fleetform",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "GitOps for storage and GPU fleets: one fleet.yaml in git, checked, compiled, planned and reconciled.",
        subcommands = {CommandLine.HelpCommand.class})
public final class FleetformCommand {

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new FleetformCommand());
        cl.setExitCodeExceptionMapper(e -> ExitCodes.USAGE);
        return cl;
    }
}
