package dev.fleetform.compiler.emit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The output of an earlier compile, as a source of files to hard-link instead of writing them
 * again: creating and later deleting 18,000 files costs seconds of file-system time, a link
 * almost nothing. A file is reused only when it is, byte for byte, the new artefact (it may have
 * been edited since, so the manifest is not trusted), and when the link cannot be told from a
 * freshly written file: a regular file reached without following any symbolic link, with no other
 * link to it, and the owner and mode a new file gets. Anything else is simply written.
 *
 * <p>A reused file keeps the previous manifest's digest, which is right when the file has not
 * changed since that manifest was written: its bytes are the new artefact's (compared here) and
 * its modification time is older than the manifest's. Otherwise it is hashed again.
 */
final class PreviousOutput {
    private static final int TYPE_MASK = 0170000;
    private static final int REGULAR_FILE = 0100000;
    private static final int PERMISSION_BITS = 07777;

    /** Per thread: comparing 50 MB of old files allocates nothing. */
    private static final ThreadLocal<ByteBuffer> BUFFER = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(64 * 1024));

    private final Path root;
    private final int uid;
    private final int mode;
    /** Relative directory -> whether it and its parents are real directories (not links). */
    private final Map<String, Boolean> plainDirs = new ConcurrentHashMap<>();
    /** The previous manifest's digests by path, and when it was written. */
    private final Map<String, String> digests;
    private final FileTime manifestWritten;

    /**
     * @param root  the previous output directory
     * @param fresh a file just written into the new output: the owner and mode to expect
     */
    PreviousOutput(Path root, Path fresh, Map<String, String> digests, FileTime manifestWritten) throws IOException {
        this.root = root;
        this.digests = digests;
        this.manifestWritten = manifestWritten;
        Map<String, Object> a = Files.readAttributes(fresh, "unix:uid,mode", LinkOption.NOFOLLOW_LINKS);
        this.uid = (Integer) a.get("uid");
        this.mode = (Integer) a.get("mode") & PERMISSION_BITS;
    }

    /**
     * Links {@code target} to the previous output's file at {@code path} when that file holds
     * exactly {@code bytes}, and returns the file's hex SHA-256; null when it does not, or when
     * anything about it fails.
     */
    String linkIfSame(String path, byte[] bytes, Path target) {
        try {
            int slash = path.lastIndexOf('/');
            if (slash > 0 && !plainDir(path.substring(0, slash))) return null;
            Path old = root.resolve(path);
            Map<String, Object> a = Files.readAttributes(old, "unix:mode,uid,nlink,size,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
            int oldMode = (Integer) a.get("mode");
            if ((oldMode & TYPE_MASK) != REGULAR_FILE || (oldMode & PERMISSION_BITS) != mode
                    || (Integer) a.get("uid") != uid || (Integer) a.get("nlink") != 1
                    || (Long) a.get("size") != bytes.length
                    || !holds(old, bytes)) {
                return null;
            }
            Files.createLink(target, old);
            String known = digests.get(path);
            boolean unchanged = ((FileTime) a.get("lastModifiedTime")).compareTo(manifestWritten) < 0;
            return known != null && unchanged ? known : Sha256.hex(bytes);
        } catch (IOException | RuntimeException e) {
            return null; // not reusable: the caller writes the file
        }
    }

    /** Whether the relative directory and each of its parents is a directory, not a symbolic link. */
    private boolean plainDir(String dir) {
        Boolean known = plainDirs.get(dir);
        if (known != null) return known;
        int slash = dir.lastIndexOf('/');
        boolean plain = (slash <= 0 || plainDir(dir.substring(0, slash)))
                && Files.isDirectory(root.resolve(dir), LinkOption.NOFOLLOW_LINKS);
        plainDirs.put(dir, plain);
        return plain;
    }

    /** Whether the file's content is exactly {@code expected}, read in blocks into a reused buffer. */
    private static boolean holds(Path file, byte[] expected) throws IOException {
        ByteBuffer buf = BUFFER.get();
        try (SeekableByteChannel ch = Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            int at = 0;
            while (true) {
                buf.clear();
                int n = ch.read(buf);
                if (n < 0) return at == expected.length;
                if (n == 0) continue;
                if (at + n > expected.length) return false; // the file grew
                buf.flip();
                if (buf.mismatch(ByteBuffer.wrap(expected, at, n)) >= 0) return false;
                at += n;
            }
        }
    }
}
