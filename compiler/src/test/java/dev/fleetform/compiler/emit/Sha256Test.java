package dev.fleetform.compiler.emit;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

class Sha256Test {

    private static String hex(String ascii) {
        return Sha256.hex(ascii.getBytes(StandardCharsets.US_ASCII));
    }

    /** FIPS 180-2's examples, and the empty input. */
    @Test
    void knownDigests() {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", hex(""));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", hex("abc"));
        assertEquals("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
                hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"));
        assertEquals("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", hex("a".repeat(1_000_000)));
    }

    /** The digest of one thread keeps state between calls: each call must start afresh. */
    @Test
    void callsAreIndependent() {
        String abc = hex("abc");
        hex("something else first");
        assertEquals(abc, hex("abc"));
    }

    /** The parallel writers hash at the same time, each with its own digest. */
    @Test
    void threadsDoNotShareState() throws Exception {
        byte[][] inputs = new byte[64][];
        String[] expected = new String[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = ("file " + i + " ").repeat(10_000 + i).getBytes(StandardCharsets.US_ASCII);
            expected[i] = Sha256.hex(inputs[i]);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int round = 0; round < 4; round++) {
                for (byte[] in : inputs) results.add(pool.submit((Callable<String>) () -> Sha256.hex(in)));
            }
            for (int i = 0; i < results.size(); i++) assertEquals(expected[i % inputs.length], results.get(i).get());
        } finally {
            pool.shutdownNow();
        }
    }
}
