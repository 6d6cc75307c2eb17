package dev.fleetform.compiler.emit;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.HexFormat;

/**
 * SHA-256 by OpenSSL's one-shot {@code EVP_Digest}, which uses the CPU's SHA instructions (about
 * 30 times the JDK's digest in C1-compiled code). Compiled for Java 22, where the foreign function
 * API is final; {@link Sha256} loads it by name and falls back to the JDK when it cannot.
 * Thread-safe: the call keeps no state between digests.
 */
final class OpenSslSha256 implements Sha256 {
    private static final int DIGEST_BYTES = 32;

    /** {@code int EVP_Digest(const void *data, size_t count, unsigned char *md, unsigned int *size, const EVP_MD *type, ENGINE *impl)} */
    private final MethodHandle evpDigest;
    /** {@code EVP_sha256()}: a static table inside libcrypto, valid for the life of the process. */
    private final MemorySegment sha256;

    OpenSslSha256() throws Throwable {
        Linker linker = Linker.nativeLinker();
        SymbolLookup crypto = libcrypto();
        MethodHandle evpSha256 = linker.downcallHandle(crypto.find("EVP_sha256").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.ADDRESS));
        this.sha256 = (MemorySegment) evpSha256.invokeExact();
        // critical: the digest reads the Java arrays in place (no copy) and never calls back or
        // blocks, which is what critical calls require
        this.evpDigest = linker.downcallHandle(crypto.find("EVP_Digest").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
                        ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS),
                Linker.Option.critical(true));
        if (sha256.equals(MemorySegment.NULL)) throw new IllegalStateException("EVP_sha256() returned NULL");
    }

    /** libcrypto 3 (Debian 12, Ubuntu 22.04+, RHEL 9), else whatever the unversioned name finds. */
    private static SymbolLookup libcrypto() {
        try {
            return SymbolLookup.libraryLookup("libcrypto.so.3", Arena.global());
        } catch (IllegalArgumentException notFound) {
            return SymbolLookup.libraryLookup("libcrypto.so", Arena.global());
        }
    }

    @Override
    public String hex(byte[] bytes) {
        byte[] digest = new byte[DIGEST_BYTES];
        int ok;
        try {
            ok = (int) evpDigest.invokeExact(MemorySegment.ofArray(bytes), (long) bytes.length,
                    MemorySegment.ofArray(digest), MemorySegment.NULL, sha256, MemorySegment.NULL);
        } catch (Throwable t) {
            throw new IllegalStateException("libcrypto EVP_Digest failed", t);
        }
        if (ok != 1) throw new IllegalStateException("libcrypto EVP_Digest returned " + ok);
        return HexFormat.of().formatHex(digest);
    }
}
