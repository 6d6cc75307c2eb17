package dev.fleetform.reconciler.api;

import dev.fleetform.compiler.Validation;
import dev.fleetform.compiler.Validator;
import dev.fleetform.compiler.diag.Diagnostic;
import dev.fleetform.compiler.diag.Diagnostics;
import dev.fleetform.compiler.emit.Artefact;
import dev.fleetform.compiler.emit.Compiler;
import dev.fleetform.compiler.emit.EmitContext;
import dev.fleetform.compiler.emit.Templates;
import dev.fleetform.compiler.fault.RevisionUnavailable;
import dev.fleetform.compiler.fault.SourceUnreadable;
import dev.fleetform.changes.Plan;
import dev.fleetform.compiler.load.FileSystemSource;
import dev.fleetform.compiler.load.FleetSource;
import dev.fleetform.compiler.load.FleetSourceException;
import dev.fleetform.compiler.plan.Approvals;
import dev.fleetform.compiler.plan.ArtefactDiff;
import dev.fleetform.compiler.plan.PlanInput;
import dev.fleetform.compiler.plan.Planner;
import dev.fleetform.compiler.work.Workers;
import dev.fleetform.reconciler.git.GitFleetSource;
import dev.fleetform.reconciler.git.GitRevisions;
import dev.fleetform.reconciler.git.GitRevisions.RevisionException;
import dev.fleetform.reconciler.git.PlanBase;
import org.eclipse.jgit.revwalk.RevCommit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Plans a change between two git revisions of the fleet repository, read from git objects with
 * no checkout; single use: validates both sides, builds their desired resources and hands them to
 * the change model's differ ({@link Planner}). An invalid base is never planned as empty: the
 * last valid revision before it is used instead ({@link PlanBase}).
 */
public final class PlanCall {
    private final Workers workers;
    private final Path fleetFile; // null when the fleet was opened on a source
    private Path repository;
    private String file;
    private String base;
    private String head;
    private boolean worktree;
    private final List<String> approved = new ArrayList<>();
    private boolean artefactDiff;
    private String templates;

    PlanCall(Path fleetFile, Workers workers) {
        this.fleetFile = fleetFile;
        this.workers = workers;
    }

    /** A directory in the fleet repository (default: the opened file's directory). */
    public PlanCall repository(Path dir) {
        this.repository = dir;
        return this;
    }

    /** fleet.yaml's path in the repository, with {@code /} (default: the opened file's). */
    public PlanCall file(String pathInRepository) {
        this.file = pathInRepository;
        return this;
    }

    /** The revision to compare with (default: the merge base of the head and origin/main, else main). */
    public PlanCall base(String rev) {
        this.base = rev;
        return this;
    }

    /** The revision to plan (default: HEAD). */
    public PlanCall head(String rev) {
        this.head = rev;
        return this;
    }

    /** Plans the files in the working tree instead of a commit. */
    public PlanCall worktree(boolean on) {
        this.worktree = on;
        return this;
    }

    /** Approves the destructive changes at these addresses, besides those in approvals.yaml. */
    public PlanCall approve(List<String> addresses) {
        approved.addAll(addresses);
        return this;
    }

    /** Also returns the unified diff of the compiled files. */
    public PlanCall artefactDiff(boolean on) {
        this.artefactDiff = on;
        return this;
    }

    /**
     * Templates that shadow the built-in ones: a folder beside fleet.yaml (a path relative to it,
     * as {@code compile --templates} takes it), read at each revision, so a template change shows
     * as the VM changes it makes.
     */
    public PlanCall templates(String dirBesideFleet) {
        this.templates = dirBesideFleet;
        return this;
    }

    /**
     * @throws SourceUnreadable    when the repository or the templates at a revision cannot be read
     * @throws RevisionUnavailable when the base or head is not in the clone
     */
    public PlanResult call() {
        try (GitRevisions git = open()) {
            String path = file != null ? file : pathInWorkTree(git);
            String dir = path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : "";
            String name = path.substring(path.lastIndexOf('/') + 1);
            String headRev = head == null ? "HEAD" : head;
            RevCommit headCommit = commit(git, headRev);
            FleetSource headSource = worktree
                    ? new FileSystemSource(relativeWorkTree(git, dir))
                    : new GitFleetSource(git.repository(), headCommit, dir);
            RevCommit baseCommit = base != null ? commit(git, base) : defaultBase(git, headRev, headCommit);

            // Base and head are independent until the diff: prepare them side by side.
            FleetSource baseSource = new GitFleetSource(git.repository(), baseCommit, dir);
            Workers.Task<Side> baseSide = workers.fork(() -> side(baseSource, name));
            Side headSide = side(headSource, name);
            String headLabel = worktree ? null : short7(headCommit);
            if (!headSide.validation().valid()) {
                baseSide.cancel();
                return new PlanResult.HeadInvalid(headSide.validation(), headLabel);
            }
            Side asked = baseSide.join();
            List<String> warnings = new ArrayList<>();
            // never an invalid base read as empty: that would hide what the head removes
            PlanBase<Side> bases = new PlanBase<>(git, path, c -> side(new GitFleetSource(git.repository(), c, dir), name),
                    sd -> sd.validation().valid(), Side.EMPTY);
            PlanBase.Chosen<Side> chosen;
            try {
                chosen = bases.choose(baseCommit, asked, asked.validation().diagnostics().stream().filter(Diagnostic::isError).count());
            } catch (RevisionException e) {
                throw new RevisionUnavailable(short7(baseCommit) + "'s history", git.shallow(), e.getMessage(), e.hint(), e);
            } catch (PlanBase.NoValidBase e) {
                return new PlanResult.BaseInvalid(e.getMessage(), e.hint());
            }
            if (chosen.warning() != null) warnings.add(chosen.warning());
            baseCommit = chosen.commit();
            Side baseDone = chosen.side();

            Diagnostics approvalProblems = new Diagnostics();
            var approvals = Approvals.load(headSource, approvalProblems);
            if (approvalProblems.hasErrors()) return new PlanResult.ApprovalsInvalid(approvalProblems.sorted());
            Plan plan = Planner.plan(baseDone.input(), headSide.input(), Approvals.addresses(approvals, approved), workers);
            if (!warnings.isEmpty()) {
                warnings.addAll(plan.warnings());
                plan = new Plan(plan.formatVersion(), plan.changes(), List.copyOf(warnings));
            }
            String diff = artefactDiff ? ArtefactDiff.unified(baseDone.artefacts(), headSide.artefacts()) : null;
            return new PlanResult.Planned(plan, short7(baseCommit), headLabel, diff);
        }
    }

    /**
     * One revision, validated and (when valid) turned into resources. The compiled files
     * themselves only when their diff is asked for.
     */
    private record Side(Validation validation, PlanInput input, List<Artefact> artefacts) {
        /** A revision without the fleet file: it declares nothing. */
        static final Side EMPTY = new Side(null, PlanInput.EMPTY, List.of());
    }

    private Side side(FleetSource source, String name) {
        Validation v = new Validator(workers).validateIn(source, name);
        if (!v.valid()) return new Side(v, PlanInput.EMPTY, List.of());
        EmitContext ctx = new EmitContext(templates(source), workers);
        PlanInput in = PlanInput.of(v.fleet(), v.index(), ctx);
        List<Artefact> compiled = artefactDiff ? Compiler.builtIn().compile(v.fleet(), v.index(), ctx) : List.of();
        return new Side(v, in, compiled);
    }

    private Templates templates(FleetSource source) {
        if (templates == null) return Templates.builtIn();
        try {
            return Templates.fromSource(source, templates);
        } catch (FleetSourceException e) {
            throw new SourceUnreadable(source.displayName(templates), "cannot read the templates " + source.displayName(templates)
                    + ": " + e.getMessage(), "check the --templates folder at that revision", e);
        }
    }

    // --- git, with its failures translated at this boundary ---

    private GitRevisions open() {
        Path dir = repository != null ? repository : fleetFile != null ? parent(fleetFile) : null;
        if (dir == null) throw new IllegalStateException("plan() of a fleet opened on a source needs repository(dir) and file(path)");
        try {
            return GitRevisions.open(dir);
        } catch (RevisionException e) {
            throw new SourceUnreadable(dir.toString(), e.getMessage(), e.hint(), e);
        }
    }

    private static RevCommit commit(GitRevisions git, String rev) {
        try {
            return git.commit(rev);
        } catch (RevisionException e) {
            throw new RevisionUnavailable(rev, git.shallow(), e.getMessage(), e.hint(), e);
        }
    }

    private static RevCommit defaultBase(GitRevisions git, String headRev, RevCommit head) {
        try {
            return git.defaultBase(head);
        } catch (RevisionException e) {
            throw new RevisionUnavailable("the merge base of " + headRev + " and origin/main (or main)", git.shallow(),
                    e.getMessage(), e.hint(), e);
        }
    }

    /** The opened file's path relative to the top of the work tree. */
    private String pathInWorkTree(GitRevisions git) {
        if (fleetFile == null) throw new IllegalStateException("plan() of a fleet opened on a source needs file(path)");
        Path abs = fleetFile.toAbsolutePath().normalize();
        Path top = git.workTree().toAbsolutePath().normalize();
        return top.relativize(abs).toString().replace('\\', '/');
    }

    private static Path parent(Path file) {
        Path p = file.toAbsolutePath().normalize().getParent();
        return p == null ? Path.of(".") : p;
    }

    /** The fleet directory in the working tree, shown relative to where the user is. */
    private static Path relativeWorkTree(GitRevisions git, String dir) {
        Path abs = git.workTree().resolve(dir).normalize();
        Path cwd = Path.of("").toAbsolutePath();
        return abs.startsWith(cwd) ? cwd.relativize(abs) : abs;
    }

    private static String short7(RevCommit c) {
        return c.abbreviate(7).name();
    }
}
