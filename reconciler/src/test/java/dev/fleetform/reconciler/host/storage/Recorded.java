package dev.fleetform.reconciler.host.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** The recorded real outputs in test resources {@code mdadm/} (see its README for their sources). */
final class Recorded {
    private Recorded() {
    }

    static String text(String file) {
        try (InputStream in = Recorded.class.getResourceAsStream("/mdadm/" + file)) {
            if (in == null) throw new IllegalStateException("no recorded output mdadm/" + file);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code wipefs -J /dev/loop1} of a loop device after {@code mkfs.ext4 -q} (util-linux 2.38.1). */
    static final String WIPEFS_EXT4 = """
            {
               "signatures": [
                  {
                     "device": "loop1",
                     "offset": "0x438",
                     "type": "ext4",
                     "uuid": "f9999a4e-5aa3-4a98-b4df-f3d2bf1bd58a",
                     "label": null
                  }
               ]
            }""";

    /** {@code wipefs -J} of a blank loop device. */
    static final String WIPEFS_BLANK = """
            {
               "signatures": [

               ]
            }""";

    /** {@code wipefs -J /dev/loop0} as a user who may not read it (exit 1). */
    static final String WIPEFS_DENIED = "wipefs: error: /dev/loop0: probing initialization failed: Permission denied";
}
