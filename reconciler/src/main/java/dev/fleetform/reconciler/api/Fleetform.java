package dev.fleetform.reconciler.api;

import dev.fleetform.compiler.Validation;
import dev.fleetform.compiler.Validator;
import dev.fleetform.compiler.load.FileSystemSource;
import dev.fleetform.compiler.load.FleetSource;
import dev.fleetform.compiler.work.Workers;

import java.nio.file.Path;

/**
 * The library's front door, shared by the CLI and the reconciler, in the shape of JGit's
 * porcelain: open a fleet, then {@link #validate()}, {@code compile().to(dir).call()} or
 * {@code plan().base(rev).head(rev).call()}, each returning a typed result. Problems in the fleet
 * come back as diagnostics in the result; a failure of the environment (a revision not fetched,
 * an output that cannot be written) is thrown as a {@link dev.fleetform.compiler.fault.FleetformException}.
 *
 * <pre>{@code
 * try (Workers workers = Workers.forCores()) {
 *     Fleetform fleet = Fleetform.open(Path.of("fleet.yaml"), workers);
 *     CompileResult r = fleet.compile().to(Path.of("build/fleet")).call();
 * }
 * }</pre>
 */
public final class Fleetform {
    private final Path file;          // null when opened on a FleetSource
    private final FleetSource source; // null when opened on a file
    private final String path;
    private final Workers workers;

    private Fleetform(Path file, FleetSource source, String path, Workers workers) {
        this.file = file;
        this.source = source;
        this.path = path;
        this.workers = workers;
    }

    /**
     * A fleet file on disk; messages name it as given.
     *
     * @param workers the threads to compute with; the caller closes them
     */
    public static Fleetform open(Path fleetFile, Workers workers) {
        return new Fleetform(fleetFile, null, null, workers);
    }

    /** {@code path} (relative to the source's root) and its includes, e.g. at a git revision. */
    public static Fleetform open(FleetSource source, String path, Workers workers) {
        return new Fleetform(null, source, path, workers);
    }

    /** Load, schema, bind and check: the fleet and its diagnostics, sorted by file:line:col. */
    public Validation validate() {
        Validator v = new Validator(workers);
        return file != null ? v.validateFile(file) : v.validateIn(source, path);
    }

    /** Validates, then compiles into a directory. */
    public CompileCall compile() {
        return new CompileCall(this);
    }

    /**
     * Compares two git revisions of the repository holding the fleet file. The repository and
     * the file's path in it default to the opened file's; a fleet opened on a source must name both.
     */
    public PlanCall plan() {
        return new PlanCall(file, workers);
    }

    /** Read only: what {@link #apply()} would change in the live fleet. */
    public DriftCall drift() {
        return new DriftCall(this, approvalsSource(), false);
    }

    /**
     * Makes the live fleet match the fleet within the policy. A fleet opened on a source (a
     * commit) reads its approvals.yaml from the same source, so only approvals recorded at that
     * commit count.
     */
    public DriftCall apply() {
        return new DriftCall(this, approvalsSource(), true);
    }

    /** The fleet's files (approvals.yaml, known_hosts): beside the fleet file, at the same revision. */
    FleetSource files() {
        return approvalsSource();
    }

    /** Where approvals.yaml is read: beside the fleet file, at the same revision. */
    private FleetSource approvalsSource() {
        if (source != null) return source;
        Path dir = file.toAbsolutePath().getParent();
        return new FileSystemSource(dir);
    }

    Workers workers() {
        return workers;
    }
}
