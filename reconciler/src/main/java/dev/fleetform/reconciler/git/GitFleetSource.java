package dev.fleetform.reconciler.git;

import dev.fleetform.compiler.load.FleetSource;
import dev.fleetform.compiler.load.FleetSourceException;
import dev.fleetform.compiler.load.FleetSourceException.Problem;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * Fleet files at a git revision, read straight from the object database (no checkout), so a
 * plan can load both sides of a pull request from one clone. Paths are relative to the
 * directory of fleet.yaml inside the repository; messages name files by their path in the
 * repository, which is what CI annotations need. It accepts exactly what {@code FileSystemSource}
 * accepts in a checkout of the same commit (regular files; no links, no submodules), so plan and
 * validate agree.
 */
public final class GitFleetSource implements FleetSource {
    private final Repository repo;
    private final RevCommit commit;
    private final String dir; // "" or "fleet-repo-example/"

    /** @param dir the directory of fleet.yaml in the repository, "" for the top */
    public GitFleetSource(Repository repo, RevCommit commit, String dir) {
        this.repo = repo;
        this.commit = commit;
        this.dir = dir.isEmpty() || dir.endsWith("/") ? dir : dir + "/";
    }

    public RevCommit commit() {
        return commit;
    }

    @Override
    public String displayName(String path) {
        return dir + path;
    }

    @Override
    public byte[] read(String path, long maxBytes) throws FleetSourceException {
        String normalized = Path.of(path).normalize().toString();
        if (Path.of(path).isAbsolute() || normalized.startsWith("..")) {
            throw new FleetSourceException(Problem.OUTSIDE_ROOT, path, "is outside the fleet directory");
        }
        try (TreeWalk walk = TreeWalk.forPath(repo, dir + normalized, commit.getTree())) {
            if (walk == null) throw missing(path, normalized);
            FileMode mode = walk.getFileMode(0);
            if (mode == FileMode.TREE) throw new FleetSourceException(Problem.DIRECTORY, path, "is a directory");
            if (mode == FileMode.SYMLINK) throw FleetSourceException.symbolicLink(path);
            if (mode == FileMode.GITLINK) throw FleetSourceException.submodule(path);
            if (mode != FileMode.REGULAR_FILE && mode != FileMode.EXECUTABLE_FILE) {
                throw new FleetSourceException(Problem.NOT_REGULAR, path, "is not a regular file (git mode " + mode + ")");
            }
            ObjectLoader loader = repo.open(walk.getObjectId(0));
            if (loader.getSize() > maxBytes) throw new FleetSourceException(Problem.TOO_LARGE, path, loader.getSize() + " bytes");
            return loader.getBytes();
        } catch (IOException e) {
            throw new FleetSourceException(Problem.UNREADABLE, path, "git: " + e.getMessage());
        }
    }

    /**
     * A path not in the commit: below a symbolic link or a submodule, it gets the refusal the
     * working tree gives (where the path does lead somewhere), else it is missing.
     */
    private FleetSourceException missing(String path, String normalized) throws IOException {
        String[] segments = normalized.split("/");
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < segments.length - 1; i++) {
            if (i > 0) prefix.append('/');
            prefix.append(segments[i]);
            try (TreeWalk walk = TreeWalk.forPath(repo, dir + prefix, commit.getTree())) {
                if (walk == null) break;
                FileMode mode = walk.getFileMode(0);
                if (mode == FileMode.SYMLINK) return FleetSourceException.underSymbolicLink(path, prefix.toString());
                if (mode == FileMode.GITLINK) return FleetSourceException.insideSubmodule(path, prefix.toString());
            }
        }
        return new FleetSourceException(Problem.MISSING, path, "not in commit " + commit.abbreviate(7).name());
    }

    @Override
    public List<String> glob(String pattern) throws FleetSourceException {
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        List<String> found = new ArrayList<>();
        try (TreeWalk walk = new TreeWalk(repo)) {
            walk.addTree(commit.getTree());
            walk.setRecursive(true);
            while (walk.next()) {
                String p = walk.getPathString();
                if (!p.startsWith(dir)) continue;
                String relative = p.substring(dir.length());
                // Every entry but a submodule (a directory in the working tree), as the disk's glob
                // lists it: a symbolic link is then refused when read, not skipped in silence.
                if (walk.getFileMode(0) != FileMode.GITLINK && matcher.matches(Path.of(relative))) found.add(relative);
            }
        } catch (IOException e) {
            throw new FleetSourceException(Problem.UNREADABLE, pattern, "git: " + e.getMessage());
        }
        found.sort(null);
        return found;
    }
}
