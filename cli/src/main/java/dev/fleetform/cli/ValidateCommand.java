package dev.fleetform.cli;

import dev.fleetform.cli.output.DiagnosticFormat;
import dev.fleetform.compiler.Validation;
import dev.fleetform.compiler.diag.Diagnostic;
import dev.fleetform.reconciler.api.Fleetform;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "validate",
        description = {"Check a fleet file against the schema and the semantic rules.",
                "Exit 0 valid (warnings allowed), 1 invalid, 2 usage error."})
final class ValidateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", defaultValue = "fleet.yaml",
            description = "the fleet file (default: ${DEFAULT-VALUE})")
    Path file;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
            description = "text, json or github (workflow annotations); default ${DEFAULT-VALUE}",
            converter = FormatConverter.class)
    DiagnosticFormat format;

    @ParentCommand
    FleetformCommand top;

    @Override
    public Integer call() {
        Validation v = Fleetform.open(file, top.workers()).validate();
        List<Diagnostic> ds = v.diagnostics();
        format.render(ds, Summaries.of(file.toString(), v), spec.commandLine().getOut());
        spec.commandLine().getOut().flush();
        return v.valid() ? ExitCodes.OK : ExitCodes.INVALID;
    }
}
