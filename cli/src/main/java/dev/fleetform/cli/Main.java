package dev.fleetform.cli;

import picocli.CommandLine;

/** Entry point of the {@code fleetform} command. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(FleetformCommand.commandLine().execute(args));
    }
}
