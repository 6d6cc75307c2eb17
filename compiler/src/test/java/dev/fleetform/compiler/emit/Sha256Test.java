package dev.fleetform.compiler.emit;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class Sha256Test {

    /**
     * On JDK 22+ with libcrypto 3 (CI: Debian 12 with libssl3) the fast path must be the one taken;
     * a JDK 21 build has no OpenSslSha256 and hashes with the JDK.
     */
    @Test
    void libcryptoIsUsedFromJava22() {
        if (Runtime.version().feature() >= 22) {
            assertNotNull(Sha256.Native.INSTANCE, "OpenSslSha256 did not load (no libcrypto.so.3, or native access refused)");
            assertSame(Sha256.Native.INSTANCE, Sha256.forThisThread());
        } else {
            assertNull(Sha256.Native.INSTANCE, "OpenSslSha256 loaded on Java " + Runtime.version().feature());
        }
    }

    @Test
    void knownDigests() {
        for (Sha256 sha : new Sha256[] {Sha256.forThisThread(), Sha256.jdk()}) {
            assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", sha.hex(new byte[0]));
            assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                    sha.hex("abc".getBytes(StandardCharsets.US_ASCII)));
        }
    }

    /** Every length around the 64-byte block and padding boundaries, and large arrays. */
    @Test
    void agreesWithTheJdkOnEveryLength() {
        Sha256 fast = Sha256.forThisThread();
        Sha256 jdk = Sha256.jdk();
        Random random = new Random(7);
        for (int n = 0; n <= 300; n++) {
            byte[] bytes = new byte[n];
            random.nextBytes(bytes);
            assertEquals(jdk.hex(bytes), fast.hex(bytes), "length " + n);
        }
        for (int n : new int[] {65_536, 1_000_003, 4 << 20}) {
            byte[] bytes = new byte[n];
            random.nextBytes(bytes);
            assertEquals(jdk.hex(bytes), fast.hex(bytes), "length " + n);
        }
    }
}
