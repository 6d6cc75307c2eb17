package dev.fleetform.compiler.emit;

import dev.fleetform.compiler.fault.OutputException;
import dev.fleetform.compiler.work.Workers;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes a compile's artefacts so that DIR is either the previous output or the new one, never
 * a mix: everything goes to a temporary sibling first, then the directories are swapped by
 * rename. A DIR that Fleetform did not write (no MANIFEST.sha256, not empty) is never replaced.
 *
 * <p>The temporary siblings are {@code .DIR.new-PID-X} and {@code .DIR.old-PID-X}. A compile
 * killed on the way leaves them behind; the next compile into DIR removes those whose process is
 * gone, and nothing else. New directories and files get the mode the umask gives (an existing
 * DIR keeps its own). A DIR that is a symbolic link to a directory stays a link: the output
 * replaces the link's target. Every file-system failure comes out as an {@link OutputException}
 * naming the path as the user knows it (under DIR, not the temporary sibling).
 */
public final class OutputDirectory {
    private static final String NEW = "new";
    private static final String OLD = "old";

    /** DIR as the user wrote it, for messages. */
    private final Path shown;
    private final Path given;
    /** Where the output goes: DIR, or its target when DIR is a symbolic link. Set by replaceWith. */
    private Path dir;
    /** The new output while it is written. */
    private Path tmp;
    private final Workers workers;

    /** Writes and deletes files on {@code workers}. */
    public OutputDirectory(Path dir, Workers workers) {
        this.shown = dir;
        this.given = dir.toAbsolutePath().normalize();
        this.dir = given;
        this.workers = workers;
    }

    /** Writes and deletes files on the calling thread. */
    public OutputDirectory(Path dir) {
        this(dir, Workers.callerOnly());
    }

    /**
     * What {@link #replaceWith} did besides writing: the files it removed that the previous compile
     * had not written (someone put them into DIR), and what it could not remove (then DIR holds the
     * new output, and the leftovers are named). {@code reused} of the {@code files} were hard-linked
     * from the previous output instead of written again.
     */
    public record Result(int files, int reused, List<Path> removedForeign, List<OutputException> notRemoved) {
        public Result {
            removedForeign = List.copyOf(removedForeign);
            notRemoved = List.copyOf(notRemoved);
        }
    }

    /** Why DIR cannot be used, or null when it can. Checked before any work is done. */
    public String refusal() throws OutputException {
        try {
            if (Files.isSymbolicLink(given) && !Files.isDirectory(given)) {
                return shown + " is a symbolic link to " + Files.readSymbolicLink(given)
                        + (Files.exists(given) ? ", which is not a directory" : ", which does not exist");
            }
            if (!Files.exists(given)) return null;
            if (!Files.isDirectory(given)) return shown + " exists and is not a directory";
            if (Files.exists(given.resolve(Compiler.MANIFEST))) return null;
            try (DirectoryStream<Path> s = Files.newDirectoryStream(given)) {
                if (s.iterator().hasNext()) {
                    return shown + " is not empty and was not written by fleetform compile (no " + Compiler.MANIFEST + ")";
                }
            }
            return null;
        } catch (IOException e) {
            throw failure("cannot read", given, e);
        }
    }

    /**
     * Makes DIR hold exactly {@code files} (sorted by path, without the manifest) and their
     * {@code MANIFEST.sha256}. When DIR holds an earlier compile, its files that are identical to
     * new artefacts are hard-linked into the new output instead of written again, keeping their
     * manifest digests ({@link PreviousOutput}); the result is the same either way.
     */
    public Result replaceWith(List<Artefact> files) throws OutputException {
        for (Artefact a : files) {
            if (a.path().equals(Compiler.MANIFEST)) throw new IllegalArgumentException("the manifest is written here, not given");
        }
        String refusal = refusal();
        if (refusal != null) throw new OutputException("cannot write", shown, refusal, null);
        try {
            dir = given.toRealPath(); // follows DIR when it is a symbolic link
        } catch (IOException notThereYet) {
            dir = given;
        }
        Path parent = dir.getParent();
        try {
            Files.createDirectories(parent);
        } catch (FileAlreadyExistsException e) {
            throw new OutputException("cannot write", shown, display(Path.of(e.getFile())) + " is not a directory", e);
        } catch (IOException e) {
            throw failure("cannot write", shown, e);
        }
        tmp = createSibling(NEW);
        Previous previous = Previous.of(dir);
        int reused;
        try {
            keepMode();
            reused = write(files, previous);
        } catch (IOException e) {
            OutputException failure = failure("cannot write", tmp, e);
            tryRemove(tmp, null, new ArrayList<>(), new ConcurrentLinkedQueue<>());
            throw failure;
        } catch (RuntimeException e) {
            tryRemove(tmp, null, new ArrayList<>(), new ConcurrentLinkedQueue<>());
            throw e;
        }
        Path old = swap();
        List<OutputException> notRemoved = new ArrayList<>();
        Collection<String> foreign = new ConcurrentLinkedQueue<>();
        if (old != null) tryRemove(old, previous.digests(), notRemoved, foreign);
        for (Path leftover : leftovers()) tryRemove(leftover, null, notRemoved, new ConcurrentLinkedQueue<>());
        List<Path> removed = new TreeSet<>(foreign).stream().map(shown::resolve).toList();
        return new Result(files.size() + 1, reused, removed, notRemoved);
    }

    /** The previous compile's manifest, when DIR holds one: its digests by path and when it was written. */
    private record Previous(Map<String, String> digests, FileTime written) {
        static Previous of(Path dir) {
            Path manifest = dir.resolve(Compiler.MANIFEST);
            try {
                if (!Files.isRegularFile(manifest, LinkOption.NOFOLLOW_LINKS)) return new Previous(null, null);
                FileTime written = Files.getLastModifiedTime(manifest, LinkOption.NOFOLLOW_LINKS);
                return new Previous(Manifest.parse(Files.readString(manifest)), written);
            } catch (IOException e) {
                return new Previous(null, null); // unreadable: nothing is reused, every file is written
            }
        }
    }

    /** A new empty sibling {@code .DIR.KIND-PID-X}, made as mkdir makes it (the umask applies). */
    private Path createSibling(String kind) throws OutputException {
        String prefix = "." + dir.getFileName() + "." + kind + "-" + ProcessHandle.current().pid() + "-";
        while (true) {
            Path p = dir.resolveSibling(prefix + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36));
            try {
                return Files.createDirectory(p);
            } catch (FileAlreadyExistsException taken) {
                // another name
            } catch (IOException e) {
                throw OutputException.of("cannot write", shown, e); // the sibling's name means nothing to the user
            }
        }
    }

    /** An existing DIR keeps its permissions. */
    private void keepMode() throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) return;
        try {
            Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS));
        } catch (UnsupportedOperationException noPosix) {
            // the file system's defaults, then
        }
    }

    /** Writes or links every file and the manifest under {@code tmp}; returns how many were linked. */
    private int write(List<Artefact> files, Previous previous) throws IOException {
        createParents(files);
        String[] digests = new String[files.size()];
        PreviousOutput reuse = null;
        if (!files.isEmpty()) {
            // One file written first tells which owner and mode a reused file must have.
            Artefact first = files.getFirst();
            writeFile(tmp.resolve(first.path()), first.bytes());
            digests[0] = Sha256.hex(first.bytes());
            reuse = previousOutput(tmp.resolve(first.path()), previous);
        }
        PreviousOutput from = reuse;
        AtomicInteger linked = new AtomicInteger();
        List<Integer> rest = new ArrayList<>(Math.max(0, files.size() - 1));
        for (int i = 1; i < files.size(); i++) rest.add(i);
        // each writer hashes what it writes; a reused file keeps its digest
        workers.forEach(rest, i -> {
            Artefact a = files.get(i);
            Path p = tmp.resolve(a.path());
            String digest = from == null ? null : from.linkIfSame(a.path(), a.bytes(), p);
            if (digest == null) {
                writeFile(p, a.bytes());
                digest = Sha256.hex(a.bytes());
            } else {
                linked.incrementAndGet();
            }
            digests[i] = digest;
        });
        Artefact manifest = Manifest.of(files, digests);
        Path m = tmp.resolve(Compiler.MANIFEST);
        if (from == null || from.linkIfSame(Compiler.MANIFEST, manifest.bytes(), m) == null) {
            writeFile(m, manifest.bytes());
        } else {
            linked.incrementAndGet();
        }
        return linked.get();
    }

    /** Files.write, with the path in the failure: a full disk's IOException names none. */
    private void writeFile(Path p, byte[] bytes) throws OutputException {
        try {
            Files.write(p, bytes);
        } catch (IOException e) {
            throw failure("cannot write", p, e);
        }
    }

    /** DIR's files to reuse when it holds an earlier compile, else null (also where file links or owners are unknown). */
    private PreviousOutput previousOutput(Path fresh, Previous previous) {
        if (previous.digests() == null) return null;
        try {
            return new PreviousOutput(dir, fresh, previous.digests(), previous.written());
        } catch (IOException | UnsupportedOperationException e) {
            return null; // no "unix" attribute view: write everything, as before
        }
    }

    /** Creates every directory the artefacts need, each once, parents first. */
    private void createParents(List<Artefact> artefacts) throws OutputException {
        Set<String> dirs = new TreeSet<>();
        for (Artefact a : artefacts) {
            for (int slash = a.path().indexOf('/'); slash > 0; slash = a.path().indexOf('/', slash + 1)) {
                dirs.add(a.path().substring(0, slash));
            }
        }
        for (String d : dirs) { // sorted: "a" before "a/b"
            try {
                Files.createDirectory(tmp.resolve(d));
            } catch (IOException e) {
                throw failure("cannot write", tmp.resolve(d), e);
            }
        }
    }

    /** Puts the new output at DIR; returns where the previous one went, or null when there was none. */
    private Path swap() throws OutputException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            move(tmp, dir, tmp);
            return null;
        }
        Path old = createSibling(OLD);
        try {
            Files.delete(old); // only the name was wanted: rename needs it free
        } catch (IOException e) {
            throw failure("cannot write", old, e);
        }
        move(dir, old, tmp);
        try {
            move(tmp, dir, tmp);
        } catch (OutputException e) {
            move(old, dir, null); // put the previous output back
            throw e;
        }
        return old;
    }

    /** Renames; on failure removes {@code cleanUp} (the new output) and says which rename failed. */
    private void move(Path from, Path to, Path cleanUp) throws OutputException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            OutputException failure = OutputException.of("cannot move", display(from), e);
            if (cleanUp != null) tryRemove(cleanUp, null, new ArrayList<>(), new ConcurrentLinkedQueue<>());
            throw failure;
        }
    }

    /**
     * The siblings that earlier compiles into DIR left when they were killed: exactly the names
     * this class makes, directories (not links), whose process is no longer running.
     */
    private List<Path> leftovers() {
        Pattern name = Pattern.compile("\\." + Pattern.quote(dir.getFileName().toString()) + "\\.(?:" + NEW + "|" + OLD + ")-(\\d{1,18})-[0-9a-z]+");
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir.getParent())) {
            for (Path p : s) {
                Matcher m = name.matcher(p.getFileName().toString());
                if (m.matches() && !running(Long.parseLong(m.group(1))) && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    found.add(p);
                }
            }
        } catch (IOException | RuntimeException e) {
            return List.of(); // the parent cannot be listed: nothing to clean that we can see
        }
        return found;
    }

    private static boolean running(long pid) {
        return pid == ProcessHandle.current().pid() || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /**
     * Deletes a tree; a failure goes to {@code notRemoved}. With {@code ours} (the paths the
     * previous manifest lists), every other file removed is added to {@code foreign}.
     */
    private void tryRemove(Path root, Map<String, String> ours, List<OutputException> notRemoved, Collection<String> foreign) {
        try {
            deleteTree(root, ours == null ? null : rel -> {
                if (!ours.containsKey(rel) && !rel.equals(Compiler.MANIFEST)) foreign.add(rel);
            });
        } catch (IOException e) {
            notRemoved.add(failure("cannot remove", root, e));
        }
    }

    /** Told the path (relative to the tree's root, with '/') of each file or link removed. */
    @FunctionalInterface
    private interface Removed {
        void file(String relative);
    }

    /** Deletes a tree without following links, its top-level entries in parallel. */
    private void deleteTree(Path root, Removed removed) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) return;
        List<Path> top;
        try (Stream<Path> s = Files.list(root)) {
            top = s.toList();
        }
        workers.forEach(top, p -> deleteSubtree(root, p, removed));
        Files.delete(root);
    }

    private static void deleteSubtree(Path root, Path top, Removed removed) throws IOException {
        Files.walkFileTree(top, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                if (removed != null) removed.file(root.relativize(file).toString().replace('\\', '/'));
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

    /** {@code e}, raised while working on {@code at}, as the user should read it. */
    private OutputException failure(String doing, Path at, IOException e) {
        if (e instanceof OutputException known) return known;
        Path p = e instanceof FileSystemException fs && fs.getFile() != null ? Path.of(fs.getFile()) : at;
        return OutputException.of(doing, display(p), e);
    }

    /** A path as the user knows it: under DIR as they wrote it, or beside it. */
    private Path display(Path p) {
        if (!p.isAbsolute()) return p;
        if (tmp != null && p.startsWith(tmp)) return shown.resolve(tmp.relativize(p).toString());
        if (p.startsWith(dir)) return shown.resolve(dir.relativize(p).toString());
        if (p.startsWith(given)) return shown.resolve(given.relativize(p).toString());
        Path parent = given.getParent();
        if (dir.equals(given) && parent != null && p.startsWith(parent) && !p.equals(parent)) {
            return shown.resolveSibling(parent.relativize(p).toString());
        }
        return p;
    }
}
