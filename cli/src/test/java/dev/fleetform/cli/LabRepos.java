package dev.fleetform.cli;

import dev.fleetform.reconciler.host.lab.Lab;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.revwalk.RevCommit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A fleet repository for `fleetform reconcile` on the lab: the lab's fleet.yaml and known_hosts, committed on main. */
final class LabRepos {
    private LabRepos() {
    }

    /** Commits the lab's fleet into {@code repo}, with whatever else is already there (templates, say). */
    static RevCommit ofLab(Lab lab, Path repo) throws IOException, GitAPIException {
        Files.createDirectories(repo);
        Files.copy(lab.out().resolve("fleet.yaml"), repo.resolve("fleet.yaml"));
        Files.copy(lab.knownHosts(), repo.resolve("known_hosts"));
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            return git.commit().setMessage("the lab").setAuthor("Alice", "alice@example.org").setSign(false).call();
        }
    }
}
