package dev.fleetform.compiler.emit;

import dev.fleetform.compiler.fault.OutputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One file written whole or not at all (e.g. {@code plan --out}): the bytes go to a hidden sibling
 * that is then renamed over the file, so a full disk leaves the previous file as it was. A file
 * that is a symbolic link stays one: its target is replaced.
 */
public final class OutputFile {
    private OutputFile() {
    }

    public static void write(Path file, byte[] bytes) throws OutputException {
        Path target;
        try {
            target = Files.isSymbolicLink(file) ? file.toRealPath() : file;
        } catch (IOException e) {
            throw OutputException.of("cannot write", file, e);
        }
        Path tmp = target.resolveSibling("." + target.getFileName() + ".new-" + ProcessHandle.current().pid() + "-"
                + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36));
        try {
            Files.write(tmp, bytes);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the write's failure is the one to report
            }
            throw OutputException.of("cannot write", file, e);
        }
    }
}
