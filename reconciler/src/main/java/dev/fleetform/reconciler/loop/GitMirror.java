package dev.fleetform.reconciler.loop;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A bare copy of one branch of the fleet repository in the cache dir, fetched each run. The tip
 * lands on {@code refs/fleetform/tip}; the commit last applied is kept on
 * {@code refs/fleetform/last-good}, so it survives a restart (and a force-push upstream).
 */
public final class GitMirror implements AutoCloseable {
    static final String TIP = "refs/fleetform/tip";
    static final String LAST_GOOD = "refs/fleetform/last-good";

    private final GitRemote remote;
    private final String branch;
    private final Git git;
    private final SshdSessionFactory ssh; // one for the process: it holds threads and keys

    private GitMirror(GitRemote remote, String branch, Git git) {
        this.remote = remote;
        this.branch = branch;
        this.git = git;
        this.ssh = remote.sshFactory();
    }

    /** Opens (or makes) the mirror of {@code remote}'s {@code branch} under {@code cacheDir}, one folder per URL. */
    public static GitMirror open(GitRemote remote, String branch, Path cacheDir) throws GitFailure {
        Path dir = cacheDir.resolve(folder(remote.url()));
        try {
            Git git = dir.resolve("HEAD").toFile().exists() ? Git.open(dir.toFile())
                    : Git.init().setBare(true).setDirectory(dir.toFile()).call();
            return new GitMirror(remote, branch, git);
        } catch (IOException | GitAPIException e) {
            throw new GitFailure("cannot open the git cache " + dir + ": " + e.getMessage(), "check that --cache-dir is writable");
        }
    }

    public Repository repository() {
        return git.getRepository();
    }

    /** Fetches the branch and returns its tip. */
    public RevCommit fetch() throws GitFailure {
        try {
            var fetch = git.fetch().setRemote(remote.url())
                    .setRefSpecs(new RefSpec("+refs/heads/" + branch + ":" + TIP))
                    .setTagOpt(org.eclipse.jgit.transport.TagOpt.NO_TAGS);
            remote.configure(fetch, ssh);
            fetch.call();
        } catch (TransportException e) {
            throw new GitFailure("cannot fetch " + remote.display() + " (" + branch + "): " + remote.scrub(e.getMessage()), remote.hint());
        } catch (GitAPIException e) {
            throw new GitFailure("cannot fetch " + remote.display() + ": " + remote.scrub(e.getMessage()), remote.hint());
        }
        RevCommit tip = commit(TIP);
        if (tip == null) throw new GitFailure("branch " + branch + " is not in " + remote.display(), "check --branch");
        return tip;
    }

    /** The commit last applied, or null. */
    public RevCommit lastGood() throws GitFailure {
        return commit(LAST_GOOD);
    }

    public void markGood(RevCommit c) throws GitFailure {
        try {
            RefUpdate u = repository().updateRef(LAST_GOOD);
            u.setNewObjectId(c);
            u.setForceUpdate(true);
            RefUpdate.Result r = u.update();
            if (r == RefUpdate.Result.LOCK_FAILURE || r == RefUpdate.Result.IO_FAILURE || r == RefUpdate.Result.REJECTED) {
                throw new GitFailure("cannot record the last good commit in the cache: " + r, "check that --cache-dir is writable");
            }
        } catch (IOException e) {
            throw new GitFailure("cannot record the last good commit in the cache: " + e.getMessage(), "check that --cache-dir is writable");
        }
    }

    private RevCommit commit(String ref) throws GitFailure {
        try (RevWalk walk = new RevWalk(repository())) {
            Ref r = repository().exactRef(ref);
            if (r == null || r.getObjectId() == null) return null;
            ObjectId id = r.getObjectId();
            RevCommit c = walk.parseCommit(id);
            walk.parseBody(c);
            return c;
        } catch (IOException e) {
            throw new GitFailure("cannot read " + ref + " in the git cache: " + e.getMessage(), "delete the cache folder to fetch anew");
        }
    }

    /** A folder name for a URL that reveals no credentials: a hash of it. */
    static String folder(String url) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8) + ".git";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (ssh != null) ssh.close();
        git.close();
    }
}
