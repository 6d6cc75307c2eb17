package dev.fleetform.compiler.emit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Identifiers derived from names (RFC 4122 version 5, SHA-1), so every compile of the same fleet
 * gives the same UUIDs and MACs: a recompile never churns a VM's mdev or a JumpServer asset id.
 */
public final class StableIds {

    /** One digest per thread: looking one up per id cost as much as the hashing (tens of thousands of ids). */
    private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(StableIds::sha1Digest);

    /** Fleetform's own namespace UUID: v5 of the URL namespace and "https://fleetform.dev". */
    static final UUID NAMESPACE = v5(UUID.fromString("6ba7b811-9dad-11d1-80b4-00c04fd430c8"), "https://fleetform.dev");

    private StableIds() {
    }

    /** A UUID for a path of names, e.g. {@code uuid("vgpu", fleet, host, vm, "0")}. */
    public static UUID uuid(String... names) {
        return v5(NAMESPACE, String.join("/", names));
    }

    /** A locally administered unicast MAC in QEMU's range 52:54:00, derived from the names. */
    public static String mac(String... names) {
        byte[] h = sha1(NAMESPACE + "/mac/" + String.join("/", names));
        HexFormat hex = HexFormat.of(); // lower case, two digits a byte: as %02x, without a Formatter per call
        return "52:54:00:" + hex.toHexDigits(h[0]) + ":" + hex.toHexDigits(h[1]) + ":" + hex.toHexDigits(h[2]);
    }

    static UUID v5(UUID namespace, String name) {
        byte[] ns = new byte[16];
        long msb = namespace.getMostSignificantBits(), lsb = namespace.getLeastSignificantBits();
        for (int i = 0; i < 8; i++) {
            ns[i] = (byte) (msb >>> (56 - 8 * i));
            ns[8 + i] = (byte) (lsb >>> (56 - 8 * i));
        }
        MessageDigest sha = SHA1.get();
        sha.update(ns);
        byte[] h = sha.digest(name.getBytes(StandardCharsets.UTF_8));
        h[6] = (byte) ((h[6] & 0x0f) | 0x50); // version 5
        h[8] = (byte) ((h[8] & 0x3f) | 0x80); // IETF variant
        long hi = 0, lo = 0;
        for (int i = 0; i < 8; i++) {
            hi = (hi << 8) | (h[i] & 0xff);
            lo = (lo << 8) | (h[8 + i] & 0xff);
        }
        return new UUID(hi, lo);
    }

    private static byte[] sha1(String s) {
        return SHA1.get().digest(s.getBytes(StandardCharsets.UTF_8));
    }

    private static MessageDigest sha1Digest() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
