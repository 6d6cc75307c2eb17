package dev.fleetform.cli;

import dev.fleetform.compiler.work.Workers;

/** Entry point of the {@code fleetform} command. */
public final class Main {
    private Main() {
    }

    /** One pool of threads for the whole run, closed before the process exits. */
    public static void main(String[] args) {
        int exit;
        try (Workers workers = Workers.forCores()) {
            exit = FleetformCommand.commandLine(workers).execute(args);
        }
        System.exit(exit);
    }
}
