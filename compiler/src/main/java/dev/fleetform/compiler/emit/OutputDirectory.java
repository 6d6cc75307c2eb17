package dev.fleetform.compiler.emit;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * Writes a compile's artefacts so that DIR is either the previous output or the new one, never
 * a mix: everything goes to a temporary sibling first, then the directories are swapped by
 * rename. A DIR that Fleetform did not write (no MANIFEST.sha256, not empty) is never replaced.
 */
public final class OutputDirectory {
    private final Path dir;

    public OutputDirectory(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
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

    public void replaceWith(List<Artefact> artefacts) throws IOException {
        String refusal = refusal();
        if (refusal != null) throw new IOException(refusal);
        Path parent = dir.getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempDirectory(parent, "." + dir.getFileName() + ".new-");
        try {
            for (Artefact a : artefacts) {
                Path p = tmp.resolve(a.path());
                Files.createDirectories(p.getParent());
                Files.write(p, a.bytes());
            }
            swap(tmp);
        } catch (IOException | RuntimeException e) {
            deleteTree(tmp);
            throw e;
        }
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

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
