package dev.fleetform.compiler.emit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Hex SHA-256 of whole byte arrays, for {@code MANIFEST.sha256}.
 *
 * <p>The launcher runs C1-compiled code only, and only C2 uses the CPU's SHA instructions for the
 * JDK's digest: it hashes about 50 MB/s there, a second of CPU for a 10,000-host output. On JDK
 * 22+ the digest therefore comes from OpenSSL's libcrypto through the foreign function API
 * ({@code OpenSslSha256}, compiled for Java 22 and loaded by name). Where that class, the API or
 * libcrypto is missing, or libcrypto disagrees on a known digest, the JDK computes it: the same
 * bytes either way.
 */
interface Sha256 {

    /** The hex digest of {@code bytes}. */
    String hex(byte[] bytes);

    /**
     * A hasher for one thread: the JDK's digest keeps state between calls, libcrypto's one-shot
     * call does not.
     */
    static Sha256 forThisThread() {
        Sha256 shared = Native.INSTANCE;
        return shared != null ? shared : jdk();
    }

    /** The JDK's implementation, for one thread. */
    static Sha256 jdk() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return bytes -> HexFormat.of().formatHex(sha.digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JDK has SHA-256
        }
    }

    /** libcrypto's hasher, or null where it cannot be used. Loaded once. */
    final class Native {
        static final String CLASS = "dev.fleetform.compiler.emit.OpenSslSha256";
        static final Sha256 INSTANCE = load();

        private Native() {
        }

        private static Sha256 load() {
            try {
                Sha256 candidate = (Sha256) Class.forName(CLASS).getDeclaredConstructor().newInstance();
                byte[] probe = "fleetform".getBytes(StandardCharsets.US_ASCII);
                return candidate.hex(probe).equals(jdk().hex(probe)) ? candidate : null;
            } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                return null; // Java 21, no libcrypto, or native access refused: the JDK hashes
            }
        }
    }
}
