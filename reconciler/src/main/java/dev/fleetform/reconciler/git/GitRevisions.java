package dev.fleetform.reconciler.git;

import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens the fleet repository and resolves the revisions a plan compares. */
public final class GitRevisions implements AutoCloseable {

    /** A revision that cannot be used, with what to run to get it. */
    public static final class RevisionException extends Exception {
        private final String hint;

        public RevisionException(String message, String hint) {
            super(message);
            this.hint = hint;
        }

        public String hint() {
            return hint;
        }
    }

    private final Repository repo;

    private GitRevisions(Repository repo) {
        this.repo = repo;
    }

    public static GitRevisions open(Path dir) throws RevisionException {
        try {
            FileRepositoryBuilder b = new FileRepositoryBuilder().readEnvironment().findGitDir(dir.toAbsolutePath().toFile());
            if (b.getGitDir() == null) {
                throw new RevisionException(dir + " is not inside a git repository", "run plan in a clone of the fleet repo, or pass --repo DIR");
            }
            return new GitRevisions(b.setMustExist(true).build());
        } catch (IOException e) {
            throw new RevisionException("cannot open the git repository at " + dir + ": " + e.getMessage(), "check --repo");
        }
    }

    public Repository repository() {
        return repo;
    }

    /** The top of the working tree. */
    public Path workTree() {
        File w = repo.getWorkTree();
        return w.toPath();
    }

    public RevCommit commit(String rev) throws RevisionException {
        try (RevWalk walk = new RevWalk(repo)) {
            ObjectId id = repo.resolve(rev + "^{commit}");
            if (id == null) throw missing(rev);
            return walk.parseCommit(id);
        } catch (MissingObjectException e) {
            throw missing(rev);
        } catch (IOException e) {
            throw new RevisionException("cannot read revision " + rev + ": " + e.getMessage(), "check that the clone is intact");
        }
    }

    /**
     * The default base: where HEAD left {@code origin/main} (or {@code main}), so a plan shows
     * what the pull request changes, not what main gained since.
     */
    public RevCommit defaultBase(RevCommit head) throws RevisionException {
        for (String target : new String[] {"refs/remotes/origin/main", "refs/heads/main"}) {
            try {
                if (repo.exactRef(target) == null) continue;
                RevCommit other = commit(target);
                try (RevWalk walk = new RevWalk(repo)) {
                    walk.setRevFilter(RevFilter.MERGE_BASE);
                    walk.markStart(walk.parseCommit(head));
                    walk.markStart(walk.parseCommit(other));
                    RevCommit base = walk.next();
                    if (base == null) throw noMergeBase(target);
                    return base;
                }
            } catch (MissingObjectException e) {
                throw noMergeBase(target);
            } catch (IOException e) {
                throw new RevisionException("cannot compute the merge base with " + target + ": " + e.getMessage(), fetchHint());
            }
        }
        throw new RevisionException("no base revision: there is no origin/main or main to compare with", "pass --base REV, or " + fetchHint());
    }

    /** The first parent of {@code c}, or null for a root commit (or the edge of a shallow clone). */
    public RevCommit firstParent(RevCommit c) throws RevisionException {
        if (c.getParentCount() == 0) return null;
        try (RevWalk walk = new RevWalk(repo)) {
            return walk.parseCommit(c.getParent(0));
        } catch (MissingObjectException e) {
            throw missing(c.getParent(0).abbreviate(7).name());
        } catch (IOException e) {
            throw new RevisionException("cannot read the parent of " + c.abbreviate(7).name() + ": " + e.getMessage(), "check that the clone is intact");
        }
    }

    /** Whether {@code path} (from the top of the repository) is in commit {@code c}. */
    public boolean hasPath(RevCommit c, String path) throws RevisionException {
        try (TreeWalk walk = TreeWalk.forPath(repo, path, c.getTree())) {
            return walk != null;
        } catch (IOException e) {
            throw new RevisionException("cannot read " + path + " at " + c.abbreviate(7).name() + ": " + e.getMessage(), "check that the clone is intact");
        }
    }

    private RevisionException missing(String rev) {
        return new RevisionException("revision " + rev + " is not in this clone" + (shallow() ? " (it is a shallow clone)" : ""),
                fetchHint());
    }

    private RevisionException noMergeBase(String target) {
        return new RevisionException("HEAD and " + target + " have no common commit in this clone"
                + (shallow() ? " (it is a shallow clone)" : ""), fetchHint());
    }

    /**
     * A fetch that does create {@code origin/main}: the explicit refspec, because a single-branch
     * clone (what {@code --depth} makes) has a configured refspec for its own branch only, and
     * {@code git fetch origin main} would then update FETCH_HEAD alone. A shallow clone also needs
     * the history below its own tip to find the merge base, so there the fetch unshallows.
     */
    public String fetchHint() {
        return "fetch the base first: git fetch --no-tags" + (shallow() ? " --unshallow" : "")
                + " origin +refs/heads/main:refs/remotes/origin/main";
    }

    /** True when this is a shallow clone, the usual reason a revision is missing in CI. */
    public boolean shallow() {
        return Files.exists(repo.getDirectory().toPath().resolve("shallow"));
    }

    @Override
    public void close() {
        repo.close();
    }
}
