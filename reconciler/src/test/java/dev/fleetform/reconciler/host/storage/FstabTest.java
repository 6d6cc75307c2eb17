package dev.fleetform.reconciler.host.storage;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** fstab read as mount reads it, rewritten line by line. */
class FstabTest {
    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void entriesWithEscapesOptionsAndTheLastOneWins() {
        Fstab f = Fstab.parse(bytes("# c\n\nUUID=a /srv/a xfs defaults 0 0\n/dev/x\t/srv/my\\040dir  ext4 noatime,nodev 0 2\nUUID=b /srv/a xfs rw 0 0\n"));
        assertEquals("UUID=b", f.entry("/srv/a").spec());
        assertEquals(List.of("noatime", "nodev"), f.entry("/srv/my dir").optionList());
        assertEquals(List.of(), Fstab.parse(bytes("UUID=a /srv/a xfs defaults 0 0\n")).entry("/srv/a").optionList());
        assertNull(f.entry("/srv"));
    }

    @Test
    void aRewriteKeepsEveryOtherLineByteForByte() {
        // a Latin-1 comment (not UTF-8), a tab, no newline at the end, and a duplicate of the line replaced
        byte[] before = bytes("# caf\u00e9 \u00ff\nUUID=old /srv/data xfs defaults 0 0\ntmpfs\t/tmp tmpfs size=1m 0 0\nLABEL=x /srv/data xfs rw 0 0");
        Map<String, String> wanted = new LinkedHashMap<>();
        wanted.put("/srv/data", "UUID=new /srv/data xfs noatime 0 0");
        wanted.put("/srv/logs", "UUID=l /srv/logs ext4 defaults 0 2");
        assertArrayEquals(bytes("# caf\u00e9 \u00ff\nUUID=new /srv/data xfs noatime 0 0\ntmpfs\t/tmp tmpfs size=1m 0 0\nUUID=l /srv/logs ext4 defaults 0 2\n"),
                Fstab.parse(before).with(wanted));
        assertArrayEquals(bytes("a b c\n"), Fstab.parse(bytes("a b c\n")).with(Map.of()), "nothing asked, nothing changed");
        assertArrayEquals(bytes("UUID=n /m xfs defaults 0 0\n"), Fstab.parse(new byte[0]).with(Map.of("/m", "UUID=n /m xfs defaults 0 0")));
    }

    @Test
    void pathsAreEscapedAsFstabWantsThem() {
        assertEquals("/srv/a\\040b\\011c\\134d", Fstab.escape("/srv/a b\tc\\d"));
        assertEquals("/srv/a b\tc\\d", Fstab.unescape(Fstab.escape("/srv/a b\tc\\d")));
    }
}
