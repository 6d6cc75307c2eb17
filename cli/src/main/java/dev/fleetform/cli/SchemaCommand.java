package dev.fleetform.cli;

import dev.fleetform.schema.FleetSchema;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.concurrent.Callable;

@Command(name = "schema",
        description = {"Print the JSON Schema of fleet.yaml (draft-07), for editors and other tools.",
                "Editors with yaml-language-server: see the README for the modeline."})
final class SchemaCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(FleetSchema.json());
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
