package dev.fleetform.compiler.load;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fleet files in a directory on disk (the directory of fleet.yaml). Display names keep the root
 * as the user typed it, so {@code validate fleet-repo-example/fleet.yaml} reports
 * {@code fleet-repo-example/hosts/a.yaml:7:3}.
 *
 * <p>It accepts exactly what {@code GitFleetSource} accepts at a commit of the same files, so
 * validate and plan agree: regular files only. A symbolic link (or a path through one) is
 * refused, as git stores the link and not the file; a nested repository (a submodule) is not
 * looked into, as its files are not in this repository's commits. Globs list every entry that
 * is not a directory without following links, so a matched link is reported, not skipped.
 */
public final class FileSystemSource implements FleetSource {

    private final Path root;
    private final String displayPrefix;
    /** Per directory below the root: the link or submodule on the way to it, if any (asked once per directory). */
    private final Map<String, Optional<Barrier>> barriers = new HashMap<>();

    public FileSystemSource(Path root) {
        this.root = root;
        String shown = root.toString().replace('\\', '/');
        this.displayPrefix = shown.isEmpty() || shown.equals(".") ? "" : shown.endsWith("/") ? shown : shown + "/";
    }

    @Override
    public String displayName(String path) {
        return displayPrefix + path;
    }

    @Override
    public byte[] read(String path, long maxBytes) throws FleetSourceException {
        Path file = resolve(path);
        refuseOutsideGit(path, Path.of(path).normalize().getParent());
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw new FleetSourceException(FleetSourceException.Problem.MISSING, path, "no such file");
        } catch (IOException e) {
            throw unreadable(path, e);
        }
        if (attributes.isSymbolicLink()) throw FleetSourceException.symbolicLink(path);
        if (attributes.isDirectory()) {
            if (isRepository(file)) throw FleetSourceException.submodule(path);
            throw new FleetSourceException(FleetSourceException.Problem.DIRECTORY, path, "is a directory");
        }
        if (!attributes.isRegularFile()) {
            throw new FleetSourceException(FleetSourceException.Problem.NOT_REGULAR, path,
                    "is not a regular file (a device, fifo or socket)");
        }
        if (attributes.size() > maxBytes) {
            throw new FleetSourceException(FleetSourceException.Problem.TOO_LARGE, path, attributes.size() + " bytes");
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw unreadable(path, e);
        }
    }

    @Override
    public List<String> glob(String pattern) throws FleetSourceException {
        String[] segments = pattern.split("/");
        int fixed = 0;
        while (fixed < segments.length - 1 && !hasWildcard(segments[fixed])) fixed++;
        Path prefix = root;
        for (int i = 0; i < fixed; i++) prefix = prefix.resolve(segments[i]);
        Path start = prefix;
        int depth = pattern.contains("**") ? Integer.MAX_VALUE : segments.length - fixed;
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        List<String> found = new ArrayList<>();
        if (!Files.isDirectory(start, LinkOption.NOFOLLOW_LINKS) || barrier(root.relativize(start)).isPresent()) return found;
        try {
            Files.walkFileTree(start, EnumSet.noneOf(FileVisitOption.class), depth, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    // git's own folder and a submodule's files are not in this repository's commits
                    boolean skip = !dir.equals(start) && (dir.endsWith(".git") || isRepository(dir));
                    return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path p, BasicFileAttributes attrs) {
                    Path relative = root.relativize(p);
                    if (!attrs.isDirectory() && matcher.matches(relative)) found.add(relative.toString().replace('\\', '/'));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw unreadable(pattern, e);
        }
        found.sort(null);
        return found;
    }

    /** Refuses a file whose directory (relative to the root) is, or is below, a symbolic link or a submodule. */
    private void refuseOutsideGit(String path, Path dir) throws FleetSourceException {
        Optional<Barrier> barrier = barrier(dir);
        if (barrier.isPresent()) throw barrier.get().refuse(path);
    }

    /** The first link or submodule on the way from the root down to {@code dir} (relative to the root), if any. */
    private Optional<Barrier> barrier(Path dir) {
        if (dir == null || dir.toString().isEmpty()) return Optional.empty();
        String key = dir.toString();
        Optional<Barrier> known = barriers.get(key);
        if (known != null) return known;
        Optional<Barrier> found = barrier(dir.getParent());
        if (found.isEmpty()) {
            Path abs = root.resolve(dir);
            String shown = key.replace('\\', '/');
            if (Files.isSymbolicLink(abs)) found = Optional.of(new Barrier(shown, true));
            else if (isRepository(abs)) found = Optional.of(new Barrier(shown, false));
        }
        barriers.put(key, found);
        return found;
    }

    /** A directory whose files git does not have in this repository's commits. */
    private record Barrier(String dir, boolean link) {
        FleetSourceException refuse(String path) {
            return link ? FleetSourceException.underSymbolicLink(path, dir) : FleetSourceException.insideSubmodule(path, dir);
        }
    }

    /** A directory with its own {@code .git} (a submodule, or a repository cloned inside this one). */
    private static boolean isRepository(Path dir) {
        return Files.exists(dir.resolve(".git"), LinkOption.NOFOLLOW_LINKS);
    }

    private Path resolve(String path) throws FleetSourceException {
        Path relative = Path.of(path);
        if (relative.isAbsolute() || relative.normalize().startsWith("..")) {
            throw new FleetSourceException(FleetSourceException.Problem.OUTSIDE_ROOT, path, "is outside the fleet directory");
        }
        return root.resolve(relative);
    }

    private static boolean hasWildcard(String segment) {
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == '{') return true;
        }
        return false;
    }

    private static FleetSourceException unreadable(String path, IOException e) {
        String why = e instanceof AccessDeniedException ? "permission denied" : String.valueOf(e.getMessage());
        return new FleetSourceException(FleetSourceException.Problem.UNREADABLE, path, why);
    }
}
