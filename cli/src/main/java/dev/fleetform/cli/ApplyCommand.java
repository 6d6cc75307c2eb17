package dev.fleetform.cli;

import dev.fleetform.changes.render.PlanMarkdown;
import dev.fleetform.reconciler.api.Fleetform;
import dev.fleetform.reconciler.api.ReconcileResult;
import dev.fleetform.reconciler.engine.ApplyReport;
import dev.fleetform.reconciler.render.RunJson;
import dev.fleetform.reconciler.render.RunText;
import dev.fleetform.reconciler.render.SavedPlans;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "apply", exitCodeOnInvalidInput = ApplyCommand.EXIT_USAGE,
        description = {"Make the live fleet match the fleet file: safe and disruptive changes within budgets,",
                "destructive ones only when their address is approved (approvals.yaml or --approve).",
                "Exit 0 converged, 3 converged except changes awaiting approval (listed),",
                "4 some targets or changes failed (each named with its reason; the rest converged), 1 invalid fleet, 64 usage error."})
final class ApplyCommand implements Callable<Integer> {
    static final int EXIT_BLOCKED = 3;
    static final int EXIT_USAGE = 64;

    @Spec
    CommandSpec spec;

    @ParentCommand
    FleetformCommand top;

    @Mixin
    ReconcileOptions options;

    @Option(names = "--plan", paramLabel = "PLAN.json",
            description = "apply exactly the changes of a plan saved by drift --out; one whose live object changed since is refused")
    Path plan;

    @Option(names = "--confirm-prune", paramLabel = "N", defaultValue = "-1",
            description = "let a mass prune through (more than 30 %% of what Fleetform created in a cluster, or all of it): N is the number of deletions the guard named")
    int confirmPrune;

    @Option(names = "--max-fail", paramLabel = "PCT", defaultValue = "100",
            description = "stop a rollout going wrong: once more than PCT %% of a family's targets (hosts, clusters) have failed, the ones not started yet are not applied (default ${DEFAULT-VALUE}: never stop)")
    int maxFail;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        options.check(spec.commandLine());
        if (maxFail < 0 || maxFail > 100) throw new CommandLine.ParameterException(spec.commandLine(), "--max-fail is a percentage, 0 to 100, not " + maxFail);
        ReconcileResult result;
        try (Families families = new Families(options)) {
            result = Fleetform.open(options.file, top.workers()).apply()
                    .providers(families.providers(confirmPrune, options.targets)).targets(options.targets).approve(options.approve).templates(options.templates)
                    .plan(plan == null ? null : SavedPlans.read(plan)).maxFail(maxFail).parallel(options.parallel)
                    .progress(Progress.on(spec.commandLine().getErr()))
                    .call();
        }
        if (Reports.notReconciled(result, options.file, stdout)) return ExitCodes.INVALID;
        ApplyReport report = ((ReconcileResult.Applied) result).report();
        stdout.print(switch (options.format) {
            case text -> RunText.apply(report, Reports.color());
            case json -> RunJson.apply(report);
            case markdown -> PlanMarkdown.render(report.drift().plan(), "apply of " + options.file, null);
        });
        stdout.flush();
        if (report.failed()) return ExitCodes.UNREADABLE;
        return report.blocked() ? EXIT_BLOCKED : ExitCodes.OK;
    }
}
