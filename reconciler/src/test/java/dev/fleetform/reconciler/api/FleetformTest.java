package dev.fleetform.reconciler.api;

import dev.fleetform.compiler.Validation;
import dev.fleetform.compiler.emit.Artefact;
import dev.fleetform.compiler.fault.OutputNotWritable;
import dev.fleetform.compiler.fault.RevisionUnavailable;
import dev.fleetform.compiler.fault.SourceUnreadable;
import dev.fleetform.changes.ResourceChange;
import dev.fleetform.compiler.work.Workers;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The facade as a library user (the reconciler) calls it. */
class FleetformTest {
    private static final Path EXAMPLE = Path.of("../fleet-repo-example");
    private static final Workers WORKERS = Workers.of(2);

    @TempDir
    Path tmp;

    @AfterAll
    static void close() {
        WORKERS.close();
    }

    @Test
    void validateGivesTheBoundFleetAndItsDiagnostics() {
        Validation v = Fleetform.open(EXAMPLE.resolve("fleet.yaml"), WORKERS).validate();
        assertTrue(v.valid(), v.diagnostics()::toString);
        assertFalse(v.fleet().hosts().isEmpty());
    }

    @Test
    void compileWithoutADirectoryOnlyReturnsTheFiles() {
        CompileResult r = Fleetform.open(EXAMPLE.resolve("fleet.yaml"), WORKERS).compile().call();
        assertTrue(r.compiled());
        assertNull(r.output());
        assertNull(r.written());
        assertEquals("MANIFEST.sha256", r.artefacts().getLast().path());
    }

    @Test
    void aSecondCompileIntoTheSameDirectoryReusesTheUnchangedFiles() throws IOException {
        Path out = tmp.resolve("out");
        Fleetform fleet = Fleetform.open(EXAMPLE.resolve("fleet.yaml"), WORKERS);
        CompileResult first = fleet.compile().to(out).call();
        assertEquals(first.artefacts().size() + 1, first.written().files(), "the files and their manifest");
        assertEquals(0, first.reused());
        CompileResult again = fleet.compile().to(out).call();
        assertTrue(again.reused() > 0, "reused " + again.reused());
        assertTrue(again.reused() < again.written().files(), "reused " + again.reused());
        for (Artefact a : again.artefacts()) assertTrue(Files.isRegularFile(out.resolve(a.path())), a.path());
        assertTrue(Files.isRegularFile(out.resolve("MANIFEST.sha256")));
    }

    @Test
    void anInvalidFleetCompilesNothingAndWritesNothing() throws IOException {
        Path file = Files.writeString(tmp.resolve("fleet.yaml"), "version: 1\nhosts: [{name: a}]\n");
        Path out = tmp.resolve("out");
        CompileResult r = Fleetform.open(file, WORKERS).compile().to(out).call();
        assertFalse(r.compiled());
        assertTrue(r.artefacts().isEmpty());
        assertFalse(Files.exists(out));
    }

    @Test
    void anOutputThatCannotBeWrittenIsAnOperationalFailureNamingIt() throws IOException {
        Path notADirectory = Files.writeString(tmp.resolve("a-file"), "x");
        Path out = notADirectory.resolve("out");
        OutputNotWritable e = assertThrows(OutputNotWritable.class,
                () -> Fleetform.open(EXAMPLE.resolve("fleet.yaml"), WORKERS).compile().to(out).call());
        assertEquals(out, e.path());
        assertTrue(e.getMessage().startsWith("cannot write " + out + ": "), e.getMessage());
    }

    @Test
    void planComparesTwoCommits() throws Exception {
        Path repo = exampleRepo();
        try (Git git = Git.open(repo.toFile())) {
            Path fleetYaml = repo.resolve("fleet.yaml");
            Files.writeString(fleetYaml, Files.readString(fleetYaml).replaceFirst("replicas: 4\n", "replicas: 5\n"));
            commit(git, "more miners");
        }
        PlanResult r = Fleetform.open(repo.resolve("fleet.yaml"), WORKERS).plan().base("HEAD~1").head("HEAD").call();
        PlanResult.Planned planned = assertInstanceOf(PlanResult.Planned.class, r);
        List<String> changed = planned.plan().changes().stream().map(c -> c.address().toString()).toList();
        assertEquals(1, changed.size(), changed::toString);
        assertTrue(changed.getFirst().endsWith("/Deployment/mining/ore-miner-priority"), changed::toString);
        assertNull(planned.artefactDiff());
    }

    @Test
    void anInvalidHeadGivesItsDiagnosticsAndNoPlan() throws Exception {
        Path repo = exampleRepo();
        try (Git git = Git.open(repo.toFile())) {
            Files.writeString(repo.resolve("fleet.yaml"), "version: 1\nhosts: [{name: a}]\n");
            commit(git, "broken");
        }
        PlanResult r = Fleetform.open(repo.resolve("fleet.yaml"), WORKERS).plan().base("HEAD~1").call();
        PlanResult.HeadInvalid invalid = assertInstanceOf(PlanResult.HeadInvalid.class, r);
        assertFalse(invalid.head().valid());
        assertEquals(7, invalid.headRevision().length());
    }

    @Test
    void aRevisionNotInTheCloneIsNamedWithWhetherTheCloneIsShallow() throws Exception {
        Path repo = exampleRepo();
        RevisionUnavailable e = assertThrows(RevisionUnavailable.class,
                () -> Fleetform.open(repo.resolve("fleet.yaml"), WORKERS).plan().base("no-such-branch").call());
        assertEquals("no-such-branch", e.revision());
        assertFalse(e.shallow());
        assertTrue(e.hint().contains("git fetch"), e.hint());
    }

    @Test
    void aDirectoryOutsideAnyRepositoryIsAnUnreadableSource() throws IOException {
        Path lone = Files.createDirectories(tmp.resolve("not-a-repo"));
        SourceUnreadable e = assertThrows(SourceUnreadable.class,
                () -> Fleetform.open(lone.resolve("fleet.yaml"), WORKERS).plan().call());
        assertTrue(e.getMessage().contains("not inside a git repository"), e.getMessage());
    }

    /** A repository whose one commit is the example fleet (fleet.yaml, its hosts/ and known_hosts). */
    private Path exampleRepo() throws Exception {
        Path repo = tmp.resolve("repo");
        Files.createDirectories(repo.resolve("hosts"));
        Files.copy(EXAMPLE.resolve("fleet.yaml"), repo.resolve("fleet.yaml"));
        Files.copy(EXAMPLE.resolve("known_hosts"), repo.resolve("known_hosts"));
        try (Stream<Path> hosts = Files.list(EXAMPLE.resolve("hosts"))) {
            for (Path h : hosts.toList()) Files.copy(h, repo.resolve("hosts").resolve(h.getFileName()));
        }
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            commit(git, "the example fleet");
        }
        return repo;
    }

    private static void commit(Git git, String message) throws Exception {
        PersonIdent who = new PersonIdent("Test", "test@example.com", Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);
        git.add().addFilepattern(".").call();
        git.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false).call();
    }
}
