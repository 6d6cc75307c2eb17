package dev.fleetform.cli;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * A real git repository for plan tests, built with JGit: write files, commit, branch. Commits have a
 * fixed author and clock so the repository (and its hashes) are the same on every run.
 */
final class FleetRepo implements AutoCloseable {
    private final Git git;
    private final Path dir;
    private long clock = 1_700_000_000L;

    private FleetRepo(Git git, Path dir) {
        this.git = git;
        this.dir = dir;
    }

    static FleetRepo init(Path dir) {
        try {
            return new FleetRepo(Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call(), dir);
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The sample fleet every test starts from (gpu-01 with a vGPU VM, store-01 with RAID 5 md1). */
    static String sample() {
        try (InputStream in = FleetRepo.class.getResourceAsStream("/plan/fleet.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code text} with {@code from} replaced once; fails when {@code from} is not there. */
    static String edit(String text, String from, String to) {
        int at = text.indexOf(from);
        if (at < 0) throw new AssertionError("the fixture has no '" + from + "'");
        return text.substring(0, at) + to + text.substring(at + from.length());
    }

    Path dir() {
        return dir;
    }

    String repoArg() {
        return dir.toString();
    }

    FleetRepo write(String path, String text) {
        try {
            Path p = dir.resolve(path);
            Files.createDirectories(p.getParent());
            Files.writeString(p, text, StandardCharsets.UTF_8);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String read(String path) {
        try {
            return Files.readString(dir.resolve(path), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    FleetRepo delete(String path) {
        try {
            git.rm().addFilepattern(path).call();
            return this;
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stages everything and commits it. */
    RevCommit commit(String message) {
        try {
            git.add().addFilepattern(".").call();
            PersonIdent who = new PersonIdent("Fleet Test", "test@example.com", Instant.ofEpochSecond(clock += 60), ZoneOffset.UTC);
            return git.commit().setMessage(message).setAuthor(who).setCommitter(who).call();
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes {@code fleet.yaml} and commits it. */
    RevCommit commitFleet(String fleetYaml, String message) {
        write("fleet.yaml", fleetYaml);
        return commit(message);
    }

    void checkoutNewBranch(String name) {
        try {
            git.checkout().setCreateBranch(true).setName(name).call();
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    void checkout(String branch) {
        try {
            git.checkout().setName(branch).call();
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Points {@code ref} (e.g. refs/remotes/origin/main) at {@code commit}, as a fetch would. */
    void setRef(String ref, RevCommit commit) {
        try {
            var update = git.getRepository().updateRef(ref);
            update.setNewObjectId(commit);
            update.setForceUpdate(true);
            update.update();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        git.close();
    }
}
