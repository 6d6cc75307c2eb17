package dev.fleetform.cli;

import dev.fleetform.compiler.work.Workers;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/** Runs the CLI in-process with captured output, as a user would see it. */
record Cli(int exit, String out, String err) {

    /** Runs on two threads, as on a CI runner, whatever this machine has; closed when done, as Main does. */
    static Cli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        try (Workers workers = Workers.of(2)) {
            CommandLine cl = FleetformCommand.commandLine(workers);
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            int exit = cl.execute(args);
            return new Cli(exit, out.toString(), err.toString());
        }
    }

    /** The repository checkout, for the example fleet and gallery. */
    static Path repoRoot() {
        return Path.of(System.getProperty("fleetform.repoRoot", "..")).toAbsolutePath().normalize();
    }
}
