package dev.fleetform.compiler.emit;

import dev.fleetform.compiler.work.Workers;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Writes a compile's artefacts so that DIR is either the previous output or the new one, never
 * a mix: everything goes to a temporary sibling first, then the directories are swapped by
 * rename. A DIR that Fleetform did not write (no MANIFEST.sha256, not empty) is never replaced.
 */
public final class OutputDirectory {
    private final Path dir;
    private final Workers workers;

    /** Writes and deletes files on {@code workers}. */
    public OutputDirectory(Path dir, Workers workers) {
        this.dir = dir.toAbsolutePath().normalize();
        this.workers = workers;
    }

    /** Writes and deletes files on the calling thread. */
    public OutputDirectory(Path dir) {
        this(dir, Workers.callerOnly());
    }

    /** Why DIR cannot be used, or null when it can. Checked before any work is done. */
    public String refusal() throws IOException {
        if (!Files.exists(dir)) return null;
        if (!Files.isDirectory(dir)) return dir + " exists and is not a directory";
        if (Files.exists(dir.resolve(Compiler.MANIFEST))) return null;
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            if (s.iterator().hasNext()) {
                return dir + " is not empty and was not written by fleetform compile (no " + Compiler.MANIFEST + ")";
            }
        }
        return null;
    }

    /**
     * Makes DIR hold exactly {@code artefacts}. When DIR holds an earlier compile, its files that
     * are identical to new artefacts are hard-linked into the new output instead of written again
     * ({@link PreviousOutput}); the result is the same either way.
     *
     * @return how many of the artefacts were hard-linked from the previous output
     */
    public int replaceWith(List<Artefact> artefacts) throws IOException {
        String refusal = refusal();
        if (refusal != null) throw new IOException(refusal);
        Path parent = dir.getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempDirectory(parent, "." + dir.getFileName() + ".new-");
        try {
            int reused = write(tmp, artefacts);
            swap(tmp);
            return reused;
        } catch (IOException | RuntimeException e) {
            deleteTree(tmp);
            throw e;
        }
    }

    /** Writes or links every artefact under {@code tmp}; returns how many were linked. */
    private int write(Path tmp, List<Artefact> artefacts) throws IOException {
        createParents(tmp, artefacts);
        if (artefacts.isEmpty()) return 0;
        // One file written first tells which owner and mode a reused file must have.
        Artefact first = artefacts.getFirst();
        Files.write(tmp.resolve(first.path()), first.bytes());
        PreviousOutput previous = previousOutput(tmp.resolve(first.path()));
        AtomicInteger linked = new AtomicInteger();
        workers.forEach(artefacts.subList(1, artefacts.size()), a -> {
            Path p = tmp.resolve(a.path());
            if (previous != null && previous.linkIfSame(a.path(), a.bytes(), p)) {
                linked.incrementAndGet();
            } else {
                Files.write(p, a.bytes());
            }
        });
        return linked.get();
    }

    /** DIR's files to reuse when it holds an earlier compile, else null (also where file links or owners are unknown). */
    private PreviousOutput previousOutput(Path fresh) {
        if (!Files.isRegularFile(dir.resolve(Compiler.MANIFEST), LinkOption.NOFOLLOW_LINKS)) return null;
        try {
            return new PreviousOutput(dir, fresh);
        } catch (IOException | UnsupportedOperationException e) {
            return null; // no "unix" attribute view: write everything, as before
        }
    }

    /** Creates every directory the artefacts need, each once, parents first. */
    private static void createParents(Path tmp, List<Artefact> artefacts) throws IOException {
        Set<String> dirs = new TreeSet<>();
        for (Artefact a : artefacts) {
            for (int slash = a.path().indexOf('/'); slash > 0; slash = a.path().indexOf('/', slash + 1)) {
                dirs.add(a.path().substring(0, slash));
            }
        }
        for (String d : dirs) Files.createDirectory(tmp.resolve(d)); // sorted: "a" before "a/b"
    }

    private void swap(Path fresh) throws IOException {
        if (!Files.exists(dir)) {
            Files.move(fresh, dir, StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        Path old = Files.createTempDirectory(dir.getParent(), "." + dir.getFileName() + ".old-");
        Files.delete(old);
        Files.move(dir, old, StandardCopyOption.ATOMIC_MOVE);
        try {
            Files.move(fresh, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.move(old, dir, StandardCopyOption.ATOMIC_MOVE); // put the previous output back
            throw e;
        }
        deleteTree(old);
    }

    /** Deletes a tree without following links, its top-level entries in parallel. */
    private void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) return;
        List<Path> top;
        try (Stream<Path> s = Files.list(root)) {
            top = s.toList();
        }
        workers.forEach(top, OutputDirectory::deleteSubtree);
        Files.delete(root);
    }

    private static void deleteSubtree(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                if (exc != null) throw exc;
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
