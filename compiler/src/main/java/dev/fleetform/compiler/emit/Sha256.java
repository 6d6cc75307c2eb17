package dev.fleetform.compiler.emit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Hex SHA-256 of whole byte arrays, for {@code MANIFEST.sha256}, by the JDK's digest. Safe to call
 * from any thread: each thread has its own digest, which keeps state between calls.
 */
final class Sha256 {
    private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JDK has SHA-256
        }
    });

    private Sha256() {
    }

    /** The hex digest of {@code bytes}. */
    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(DIGEST.get().digest(bytes));
    }
}
