package dev.fleetform.cli;

import dev.fleetform.changes.Plan;
import dev.fleetform.changes.render.PlanJson;
import dev.fleetform.changes.render.PlanMarkdown;
import dev.fleetform.changes.render.PlanText;
import dev.fleetform.cli.output.DiagnosticFormat;
import dev.fleetform.compiler.Fleetform;
import dev.fleetform.compiler.Validation;
import dev.fleetform.compiler.diag.Diagnostic;
import dev.fleetform.compiler.diag.Diagnostics;
import dev.fleetform.compiler.emit.Artefact;
import dev.fleetform.compiler.emit.Compiler;
import dev.fleetform.compiler.emit.EmitContext;
import dev.fleetform.compiler.emit.Templates;
import dev.fleetform.compiler.load.FileSystemSource;
import dev.fleetform.compiler.load.FleetSource;
import dev.fleetform.compiler.load.FleetSourceException;
import dev.fleetform.compiler.plan.Approvals;
import dev.fleetform.compiler.plan.ArtefactDiff;
import dev.fleetform.compiler.plan.PlanInput;
import dev.fleetform.compiler.plan.Planner;
import dev.fleetform.reconciler.git.GitFleetSource;
import dev.fleetform.reconciler.git.GitRevisions;
import dev.fleetform.reconciler.git.PlanBase;
import dev.fleetform.reconciler.git.GitRevisions.RevisionException;
import org.eclipse.jgit.revwalk.RevCommit;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

@Command(name = "plan", exitCodeOnInvalidInput = PlanCommand.EXIT_USAGE,
        description = {"Show what merging a change to the fleet repo would do, grouped by risk.",
                "Reads fleet.yaml (and its includes) at two git revisions straight from git objects.",
                "Exit 0 no changes, 2 changes, 3 a destructive change is not approved,",
                "1 the head is invalid, 4 a revision cannot be read, 64 usage error."})
final class PlanCommand implements Callable<Integer> {
    static final int EXIT_NO_CHANGES = 0;
    static final int EXIT_CHANGES = 2;
    static final int EXIT_BLOCKED = 3;
    static final int EXIT_NO_REVISION = 4;
    /** Not 2: that already means "changes" here. */
    static final int EXIT_USAGE = 64;

    enum Format { text, markdown, json }

    @Spec
    CommandSpec spec;

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
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        try (GitRevisions git = GitRevisions.open(repo)) {
            String dir = file.contains("/") ? file.substring(0, file.lastIndexOf('/')) : "";
            String name = file.substring(file.lastIndexOf('/') + 1);
            RevCommit headCommit = git.commit(head.rev == null ? "HEAD" : head.rev);
            FleetSource headSource = head.worktree
                    ? new FileSystemSource(relativeWorkTree(git, dir))
                    : new GitFleetSource(git.repository(), headCommit, dir);
            RevCommit baseCommit = base != null ? git.commit(base) : git.defaultBase(headCommit);

            // Base and head are independent until the diff: prepare them on both cores.
            FleetSource baseSource = new GitFleetSource(git.repository(), baseCommit, dir);
            CompletableFuture<Side> baseSide = CompletableFuture.supplyAsync(() -> Side.of(baseSource, name, templates, artefacts));
            Side headSide = Side.of(headSource, name, templates, artefacts);
            Validation headV = headSide.validation();
            if (!headV.valid()) {
                baseSide.cancel(true);
                diagnostics.render(headV.diagnostics(), file + " at " + (head.worktree ? "the working tree" : short7(headCommit))
                        + ": invalid; no plan", stdout);
                stdout.flush();
                return ExitCodes.INVALID;
            }
            List<String> warnings = new ArrayList<>();
            Side asked = baseSide.join();
            // never an invalid base read as empty: that would hide what the head removes
            PlanBase<Side> bases = new PlanBase<>(git, dir.isEmpty() ? name : dir + "/" + name,
                    c -> Side.of(new GitFleetSource(git.repository(), c, dir), name, templates, artefacts),
                    sd -> sd.validation().valid(), Side.EMPTY);
            PlanBase.Chosen<Side> chosen = bases.choose(baseCommit,
                    asked, asked.validation().diagnostics().stream().filter(Diagnostic::isError).count());
            if (chosen.warning() != null) warnings.add(chosen.warning());
            baseCommit = chosen.commit();
            Side baseChosen = chosen.side();
            PlanInput baseIn = baseChosen.input();
            PlanInput headIn = headSide.input();

            Diagnostics approvalProblems = new Diagnostics();
            var approvals = Approvals.load(headSource, approvalProblems);
            if (approvalProblems.hasErrors()) {
                diagnostics.render(approvalProblems.sorted(), Approvals.FILE + ": invalid; no plan", stdout);
                stdout.flush();
                return ExitCodes.INVALID;
            }
            Plan plan = Planner.plan(baseIn, headIn, Approvals.addresses(approvals, approve));
            if (!warnings.isEmpty()) {
                List<String> all = new ArrayList<>(warnings);
                all.addAll(plan.warnings());
                plan = new Plan(plan.formatVersion(), plan.changes(), List.copyOf(all));
            }
            String diff = artefacts ? ArtefactDiff.unified(baseChosen.artefacts(), headSide.artefacts()) : null;
            String title = short7(baseCommit) + " → " + (head.worktree ? "working tree" : short7(headCommit));
            String rendered = switch (format) {
                case text -> "Plan " + title + "\n\n" + PlanText.render(plan, color())
                        + (diff == null || diff.isEmpty() ? "" : "\n" + diff);
                case markdown -> PlanMarkdown.render(plan, title, diff);
                case json -> PlanJson.render(plan);
            };
            if (out != null) {
                Files.writeString(out, rendered, StandardCharsets.UTF_8);
                stdout.println(PlanText.summary(plan) + " Written to " + out + ".");
            } else {
                stdout.print(rendered);
            }
            stdout.flush();
            if (!plan.unapprovedDestructive().isEmpty()) return EXIT_BLOCKED;
            return plan.hasChanges() ? EXIT_CHANGES : EXIT_NO_CHANGES;
        } catch (UncheckedIOException | java.util.concurrent.CompletionException e) {
            Throwable cause = e instanceof UncheckedIOException ? e : e.getCause();
            if (!(cause instanceof UncheckedIOException u)) throw e;
            stderr.println("fleetform plan: " + u.getCause().getMessage());
            stderr.flush();
            return ExitCodes.INVALID;
        } catch (PlanBase.NoValidBase e) {
            stderr.println("fleetform plan: " + e.getMessage());
            stderr.println("  hint: " + e.hint());
            stderr.flush();
            return ExitCodes.INVALID;
        } catch (RevisionException e) {
            stderr.println("fleetform plan: " + e.getMessage());
            stderr.println("  hint: " + e.hint());
            stderr.flush();
            return EXIT_NO_REVISION;
        }
    }

    /**
     * One revision, validated and (when valid) turned into resources. The compiled files
     * themselves only when their diff is asked for.
     */
    record Side(Validation validation, PlanInput input, List<Artefact> artefacts) {
        /** A revision without the fleet file: it declares nothing. */
        static final Side EMPTY = new Side(null, PlanInput.EMPTY, List.of());

        static Side of(FleetSource source, String name, String templates, boolean withArtefacts) {
            Validation v = Fleetform.validate(source, name);
            if (!v.valid()) return new Side(v, PlanInput.EMPTY, List.of());
            EmitContext ctx;
            try {
                ctx = new EmitContext(templates == null ? Templates.builtIn() : Templates.fromSource(source, templates));
            } catch (FleetSourceException e) {
                throw new UncheckedIOException(new IOException(source.displayName(templates) + ": " + e.getMessage(), e));
            }
            PlanInput in = PlanInput.of(v.fleet(), v.index(), ctx);
            List<Artefact> compiled = withArtefacts ? Compiler.builtIn().compile(v.fleet(), v.index(), ctx) : List.of();
            return new Side(v, in, compiled);
        }
    }

    /** The fleet directory in the working tree, shown relative to where the user is. */
    private static Path relativeWorkTree(GitRevisions git, String dir) {
        Path abs = git.workTree().resolve(dir).normalize();
        Path cwd = Path.of("").toAbsolutePath();
        return abs.startsWith(cwd) ? cwd.relativize(abs) : abs;
    }

    /** Colour only for a person at a terminal who has not asked for none (no-color.org). */
    private static boolean color() {
        return System.console() != null && System.getenv("NO_COLOR") == null;
    }

    private static String short7(RevCommit c) {
        return c.abbreviate(7).name();
    }
}
