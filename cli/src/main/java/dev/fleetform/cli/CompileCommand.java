package dev.fleetform.cli;

import dev.fleetform.cli.output.DiagnosticFormat;
import dev.fleetform.compiler.Validation;
import dev.fleetform.compiler.emit.OutputDirectory;
import dev.fleetform.compiler.fault.OutputException;
import dev.fleetform.reconciler.api.CompileResult;
import dev.fleetform.reconciler.api.Fleetform;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "compile",
        description = {"Compile a valid fleet into Ansible, Prometheus, Alertmanager, Kubernetes, libvirt,",
                "storage and JumpServer files under DIR. The same fleet always gives the same bytes.",
                "DIR is replaced as a whole, only once everything compiled: a failed compile leaves it untouched.",
                "Exit 0 compiled, 1 the fleet is invalid (nothing written), 2 usage error,",
                "4 the templates cannot be read, 73 DIR cannot be written (or an earlier output not removed)."})
final class CompileCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    FleetformCommand top;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", defaultValue = "fleet.yaml",
            description = "the fleet file (default: ${DEFAULT-VALUE})")
    Path file;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR",
            description = "output directory; created, or replaced if an earlier compile wrote it")
    Path output;

    @Option(names = "--templates", paramLabel = "DIR",
            description = "a directory of templates that shadow the built-in ones by name (e.g. the fleet repo's templates/)")
    Path templates;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT", converter = FormatConverter.class,
            description = "how problems are printed: text, json or github; default ${DEFAULT-VALUE}")
    DiagnosticFormat format;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // Options that cannot work are refused before any work is done.
        String refusal = new OutputDirectory(output).refusal();
        if (refusal != null) {
            err.println("fleetform compile: " + refusal);
            err.println("  hint: choose a new or empty directory for -o");
            err.flush();
            return ExitCodes.USAGE;
        }
        if (templates != null && !Files.isDirectory(templates)) {
            err.println("fleetform compile: --templates " + templates + " is not a directory");
            err.flush();
            return ExitCodes.USAGE;
        }
        CompileResult r = Fleetform.open(file, top.workers()).compile().to(output).templates(templates).call();
        Validation v = r.validation();
        if (!v.valid() || !v.diagnostics().isEmpty()) {
            format.render(v.diagnostics(), Summaries.of(file.toString(), v), out);
        }
        if (!r.compiled()) {
            out.println("nothing written: fix the errors above first");
            out.flush();
            return ExitCodes.INVALID;
        }
        OutputDirectory.Result written = r.written();
        out.println("compiled " + Summaries.plural(written.files(), "file") + " into " + output);
        out.flush();
        for (Path p : written.removedForeign()) err.println("fleetform compile: removed " + p + " (not written by fleetform compile)");
        for (OutputException e : written.notRemoved()) {
            err.println("fleetform compile: " + e.getMessage() + " (" + output + " holds the new output; remove this by hand)");
        }
        err.flush();
        return written.notRemoved().isEmpty() ? ExitCodes.OK : ExitCodes.CANNOT_WRITE;
    }
}
