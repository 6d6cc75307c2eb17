package dev.fleetform.cli;

import dev.fleetform.changes.render.PlanMarkdown;
import dev.fleetform.compiler.emit.OutputFile;
import dev.fleetform.compiler.fault.OutputException;
import dev.fleetform.compiler.fault.OutputNotWritable;
import dev.fleetform.reconciler.api.Fleetform;
import dev.fleetform.reconciler.api.ReconcileResult;
import dev.fleetform.reconciler.engine.Drift;
import dev.fleetform.reconciler.render.RunJson;
import dev.fleetform.reconciler.render.RunText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "drift", exitCodeOnInvalidInput = DriftCommand.EXIT_USAGE,
        description = {"Show what apply would change in the live fleet: read only.",
                "Exit 0 in sync, 2 drift found, 4 some targets could not be observed (the rest are reported),",
                "1 invalid fleet, 73 --out cannot be written, 64 usage error."})
final class DriftCommand implements Callable<Integer> {
    static final int EXIT_DRIFT = 2;
    /** Not 2: that already means "drift found" here. */
    static final int EXIT_USAGE = 64;

    @Spec
    CommandSpec spec;

    @ParentCommand
    FleetformCommand top;

    @Mixin
    ReconcileOptions options;

    @Option(names = "--out", paramLabel = "PLAN.json",
            description = "save the plan as JSON for apply --plan, and print only its summary")
    Path out;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        ReconcileResult result;
        options.check(spec.commandLine());
        try (Families families = new Families(options)) {
            result = Fleetform.open(options.file, top.workers()).drift()
                    .providers(families.providers(-1, options.targets)).targets(options.targets).approve(options.approve).templates(options.templates).parallel(options.parallel)
                    .progress(Progress.on(spec.commandLine().getErr()))
                    .call();
        }
        if (Reports.notReconciled(result, options.file, stdout)) return ExitCodes.INVALID;
        Drift drift = ((ReconcileResult.Observed) result).drift();
        if (out != null) {
            try {
                OutputFile.write(out, RunJson.drift(drift).getBytes(StandardCharsets.UTF_8));
            } catch (OutputException e) {
                throw new OutputNotWritable(out, e);
            }
            stdout.println(dev.fleetform.changes.render.PlanText.summary(drift.plan()) + " Written to " + out + "; apply it with fleetform apply --plan " + out + ".");
        } else {
            stdout.print(switch (options.format) {
                case text -> RunText.drift(drift, Reports.color());
                case json -> RunJson.drift(drift);
                case markdown -> PlanMarkdown.render(drift.plan(), "drift of the live fleet from " + options.file, null);
            });
        }
        stdout.flush();
        if (!drift.errors().isEmpty()) return ExitCodes.UNREADABLE;
        return drift.inSync() ? ExitCodes.OK : EXIT_DRIFT;
    }
}
