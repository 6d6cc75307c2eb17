package dev.fleetform.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code -h/--help} and {@code -V/--version} on the top command and on every subcommand, even
 * those with required options (compile -o) or their own exit codes (plan).
 */
class HelpAndVersionTest {

    /**
     * "" for the top command, then every subcommand the parser knows, so a new one is covered too;
     * but not picocli's own {@code help}, which takes a command name, not -V.
     */
    static Stream<String> commands() {
        List<String> all = new ArrayList<>(List.of(""));
        all.addAll(FleetformCommand.commandLine().getSubcommands().keySet());
        all.remove("help");
        assertTrue(all.containsAll(List.of("validate", "compile", "plan", "schema")), all.toString());
        return all.stream();
    }

    private static Cli run(String command, String option) {
        return command.isEmpty() ? Cli.run(option) : Cli.run(command, option);
    }

    @ParameterizedTest
    @MethodSource("commands")
    void helpPrintsTheCommandsUsageAndExitsZero(String command) {
        for (String option : List.of("-h", "--help")) {
            Cli r = run(command, option);
            assertEquals(0, r.exit(), command + " " + option + ": " + r.out() + r.err());
            String usage = "Usage: fleetform" + (command.isEmpty() ? "" : " " + command);
            assertTrue(r.out().startsWith(usage + " "), r.out());
            assertTrue(r.out().contains("-h, --help"), r.out());
            assertEquals("", r.err());
        }
    }

    @ParameterizedTest
    @MethodSource("commands")
    void versionPrintsTheBuiltVersion(String command) {
        String built = System.getProperty("fleetform.version");
        assertNotNull(built, "surefire passes the project version");
        assertTrue(built.matches("\\d+\\.\\d+\\.\\d+(-[A-Za-z0-9.]+)?"), built);
        for (String option : List.of("-V", "--version")) {
            Cli r = run(command, option);
            assertEquals(0, r.exit(), command + " " + option + ": " + r.out() + r.err());
            assertEquals("fleetform " + built + System.lineSeparator(), r.out());
            assertEquals("", r.err());
        }
    }
}
