package dev.fleetform.compiler.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Fleet files in a directory on disk (the directory of fleet.yaml). Display names keep the root
 * as the user typed it, so {@code validate fleet-repo-example/fleet.yaml} reports
 * {@code fleet-repo-example/hosts/a.yaml:7:3}. Symbolic links are followed only while they stay
 * inside the root.
 */
public final class FileSystemSource implements FleetSource {

    private final Path root;
    private final String displayPrefix;
    private Path realRoot;

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
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new FleetSourceException(FleetSourceException.Problem.MISSING, path, "no such file");
        } catch (IOException e) {
            throw unreadable(path, e);
        }
        if (attributes.isDirectory()) {
            throw new FleetSourceException(FleetSourceException.Problem.DIRECTORY, path, "is a directory");
        }
        if (!attributes.isRegularFile()) {
            throw new FleetSourceException(FleetSourceException.Problem.NOT_REGULAR, path,
                    "is not a regular file (a device, fifo or socket)");
        }
        try {
            if (!file.toRealPath().startsWith(realRoot())) {
                throw new FleetSourceException(FleetSourceException.Problem.OUTSIDE_ROOT, path,
                        "is a symbolic link that leads outside " + (displayPrefix.isEmpty() ? "." : displayPrefix));
            }
            if (attributes.size() > maxBytes) {
                throw new FleetSourceException(FleetSourceException.Problem.TOO_LARGE, path,
                        attributes.size() + " bytes");
            }
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
        Path start = root;
        for (int i = 0; i < fixed; i++) start = start.resolve(segments[i]);
        int depth = pattern.contains("**") ? Integer.MAX_VALUE : segments.length - fixed;
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        List<String> found = new ArrayList<>();
        if (!Files.isDirectory(start)) return found;
        try (Stream<Path> walk = Files.walk(start, depth)) {
            walk.forEach(p -> {
                Path relative = root.relativize(p);
                if (matcher.matches(relative) && Files.isRegularFile(p)) {
                    found.add(relative.toString().replace('\\', '/'));
                }
            });
        } catch (NotDirectoryException e) {
            return found;
        } catch (IOException | UncheckedIOException e) {
            throw unreadable(pattern, e instanceof UncheckedIOException u ? u.getCause() : (IOException) e);
        }
        found.sort(null);
        return found;
    }

    private Path resolve(String path) throws FleetSourceException {
        Path relative = Path.of(path);
        if (relative.isAbsolute() || relative.normalize().startsWith("..")) {
            throw new FleetSourceException(FleetSourceException.Problem.OUTSIDE_ROOT, path, "is outside the fleet directory");
        }
        return root.resolve(relative);
    }

    private Path realRoot() throws IOException {
        if (realRoot == null) realRoot = root.toAbsolutePath().toRealPath();
        return realRoot;
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
