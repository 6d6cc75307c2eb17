package dev.fleetform.cli;

import dev.fleetform.changes.Plan;
import dev.fleetform.changes.render.PlanJson;
import dev.fleetform.changes.render.PlanMarkdown;
import dev.fleetform.changes.render.PlanText;
import dev.fleetform.cli.output.DiagnosticFormat;
import dev.fleetform.compiler.fault.OutputNotWritable;
import dev.fleetform.compiler.emit.OutputFile;
import dev.fleetform.compiler.fault.OutputException;
import dev.fleetform.compiler.plan.Approvals;
import dev.fleetform.reconciler.api.Fleetform;
import dev.fleetform.reconciler.api.PlanResult;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "plan", exitCodeOnInvalidInput = PlanCommand.EXIT_USAGE,
        description = {"Show what merging a change to the fleet repo would do, grouped by risk.",
                "Reads fleet.yaml (and its includes) at two git revisions straight from git objects.",
                "Exit 0 no changes, 2 changes, 3 a destructive change is not approved,",
                "1 the head (or every base tried) is invalid, 4 a revision or the templates cannot be read,", "73 --out cannot be written, 64 usage error."})
final class PlanCommand implements Callable<Integer> {
    static final int EXIT_NO_CHANGES = 0;
    static final int EXIT_CHANGES = 2;
    static final int EXIT_BLOCKED = 3;
    static final int EXIT_NO_REVISION = ExitCodes.UNREADABLE;
    /** Not 2: that already means "changes" here. */
    static final int EXIT_USAGE = 64;

    enum Format { text, markdown, json }

    @Spec
    CommandSpec spec;

    @ParentCommand
    FleetformCommand top;

    @Option(names = "--repo", defaultValue = ".", paramLabel = "DIR", description = "the fleet repository (default: the current directory)")
    Path repo;

    @Option(names = "--file", defaultValue = "fleet.yaml", paramLabel = "PATH", description = "fleet.yaml's path in the repository (default: ${DEFAULT-VALUE})")
    String file;

    @Option(names = "--base", paramLabel = "REV", description = "the revision to compare with (default: merge base of HEAD and origin/main, else main)")
    String base;

    @ArgGroup(exclusive = true)
    HeadChoice head = new HeadChoice();

    static final class HeadChoice {
        @Option(names = "--head", paramLabel = "REV", description = "the revision to plan (default: HEAD)")
        String rev;

        @Option(names = "--worktree", description = "plan the files in the working tree instead of a commit")
        boolean worktree;
    }

    @Option(names = "--templates", paramLabel = "DIR",
            description = "templates that shadow the built-in ones, as compile --templates takes them: a folder beside fleet.yaml, read at each revision")
    String templates;

    @Option(names = "--format", defaultValue = "text", description = "text, markdown (a PR comment) or json; default ${DEFAULT-VALUE}")
    Format format;

    @Option(names = "--artefacts", description = "add the unified diff of the compiled files")
    boolean artefacts;

    @Option(names = "--approve", paramLabel = "ADDRESS", description = "approve the destructive change at ADDRESS (repeatable)")
    List<String> approve = new ArrayList<>();

    @Option(names = "--out", paramLabel = "FILE", description = "write the plan to FILE and print only its summary")
    Path out;

    @Option(names = "--diagnostics", defaultValue = "text", converter = FormatConverter.class, paramLabel = "FORMAT",
            description = "how an invalid head's errors are printed: text, json or github; default ${DEFAULT-VALUE}")
    DiagnosticFormat diagnostics;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PlanResult result = Fleetform.open(repo.resolve(file), top.workers()).plan()
                .repository(repo).file(file).base(base).head(head.rev).worktree(head.worktree)
                .approve(approve).artefactDiff(artefacts).templates(templates)
                .call();
        switch (result) {
            case PlanResult.HeadInvalid invalid -> {
                String at = invalid.headRevision() == null ? "the working tree" : invalid.headRevision();
                diagnostics.render(invalid.head().diagnostics(), file + " at " + at + ": invalid; no plan", stdout);
                stdout.flush();
                return ExitCodes.INVALID;
            }
            case PlanResult.BaseInvalid invalid -> {
                PrintWriter stderr = spec.commandLine().getErr();
                stderr.println("fleetform plan: " + invalid.reason());
                stderr.println("  hint: " + invalid.hint());
                stderr.flush();
                return ExitCodes.INVALID;
            }
            case PlanResult.ApprovalsInvalid invalid -> {
                diagnostics.render(invalid.problems(), Approvals.FILE + ": invalid; no plan", stdout);
                stdout.flush();
                return ExitCodes.INVALID;
            }
            case PlanResult.Planned planned -> {
                print(planned, stdout);
                Plan plan = planned.plan();
                if (!plan.unapprovedDestructive().isEmpty()) return EXIT_BLOCKED;
                return plan.hasChanges() ? EXIT_CHANGES : EXIT_NO_CHANGES;
            }
        }
    }

    private void print(PlanResult.Planned planned, PrintWriter stdout) {
        Plan plan = planned.plan();
        String diff = planned.artefactDiff();
        String title = planned.baseRevision() + " → " + (planned.headRevision() == null ? "working tree" : planned.headRevision());
        String rendered = switch (format) {
            case text -> "Plan " + title + "\n\n" + PlanText.render(plan, Reports.color())
                    + (diff == null || diff.isEmpty() ? "" : "\n" + diff);
            case markdown -> PlanMarkdown.render(plan, title, diff);
            case json -> PlanJson.render(plan);
        };
        if (out != null) {
            try {
                OutputFile.write(out, rendered.getBytes(StandardCharsets.UTF_8));
            } catch (OutputException e) {
                throw new OutputNotWritable(out, e);
            }
            stdout.println(PlanText.summary(plan) + " Written to " + out + ".");
        } else {
            stdout.print(rendered);
        }
        stdout.flush();
    }
}
