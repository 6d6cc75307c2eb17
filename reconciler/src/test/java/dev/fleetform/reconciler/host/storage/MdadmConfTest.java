package dev.fleetform.reconciler.host.storage;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ARRAY lines in the {@code mdadm --detail --scan} form, from the recorded {@code --detail --export} outputs; the rest of mdadm.conf kept. */
class MdadmConfTest {
    /** Debian's mdadm.conf as mkconf writes it (mdadm 4.2, Debian 12), with an array of another tool and a continuation line. */
    private static final String DEBIAN = """
            # mdadm.conf
            #
            # !NB! Run update-initramfs -u after updating this file.
            # !NB! This will ensure that initramfs has an uptodate copy.
            #
            # Please refer to mdadm.conf(5) for information about this file.
            #

            # by default (built-in), scan all partitions (/proc/partitions) and all
            # containers for MD superblocks. alternatively, specify devices to scan, using
            # wildcards if desired.
            #DEVICE partitions containers

            # automatically tag new arrays as belonging to the local system
            HOMEHOST <system>

            # instruct the monitoring daemon where to send mail alerts
            MAILADDR root

            # definitions of existing MD arrays
            ARRAY /dev/md/boot metadata=1.0 name=h:boot UUID=11111111:22222222:33333333:44444444
               devices=/dev/sda1,/dev/sdb1
            """;

    @Test
    void theLineOfTheRecordedRaid5IsTheScanForm() {
        MdDetail md = MdDetail.parse(Recorded.text("opensuse-inactive-raid5.export"));
        assertEquals("ARRAY /dev/md/r5 metadata=1.2 spares=3 name=debian:R5 UUID=70bc1acd:f879f9cd:dca76d79:d9ce624a",
                MdadmConf.arrayLine("/dev/md/r5", md));
    }

    @Test
    void anArrayWithoutMdMetadataOrUuidGetsNoLineAndAnOddNameIsLeftOut() {
        // the imsm mirror: its metadata is the container's, mdadm names none
        assertThrows(IllegalArgumentException.class, () -> MdadmConf.arrayLine("/dev/md/v", MdDetail.parse(Recorded.text("fedora-imsm-raid1.export"))));
        String raid5 = Recorded.text("opensuse-inactive-raid5.export");
        assertThrows(IllegalArgumentException.class, () -> MdadmConf.arrayLine("/dev/md/r5", MdDetail.parse(raid5.replace("MD_UUID=70bc1acd:", "MD_UUID=zz; rm -rf /:"))));
        String spaced = MdadmConf.arrayLine("/dev/md/r5", MdDetail.parse(raid5.replace("MD_NAME=debian:R5", "MD_NAME=a b UUID=00000000:00000000:00000000:00000000")));
        assertEquals("ARRAY /dev/md/r5 metadata=1.2 spares=3 UUID=70bc1acd:f879f9cd:dca76d79:d9ce624a", spaced);
    }

    @Test
    void theLineIsAppendedOnceAndReplacedByUuidTheRestByteForByte() {
        byte[] conf = DEBIAN.getBytes(StandardCharsets.UTF_8);
        String line = "ARRAY /dev/md/md0 metadata=1.2 name=h:md0 UUID=70bc1acd:f879f9cd:dca76d79:d9ce624a";
        byte[] added = MdadmConf.with(conf, "/dev/md/md0", "70bc1acd:f879f9cd:dca76d79:d9ce624a", line);
        assertEquals(DEBIAN + line + "\n", new String(added, StandardCharsets.UTF_8));
        assertEquals(line, MdadmConf.lineFor(added, "70BC1ACD:F879F9CD:DCA76D79:D9CE624A"));
        assertEquals(DEBIAN + line + "\n", new String(MdadmConf.with(added, "/dev/md/md0", "70bc1acd:f879f9cd:dca76d79:d9ce624a", line), StandardCharsets.UTF_8),
                "written again: the same bytes");

        String spare = line.replace("metadata=1.2 ", "metadata=1.2 spares=1 ");
        byte[] replaced = MdadmConf.with(added, "/dev/md/md0", "70bc1acd:f879f9cd:dca76d79:d9ce624a", spare);
        assertEquals(DEBIAN + spare + "\n", new String(replaced, StandardCharsets.UTF_8));

        // re-created: a new UUID, the entry of the same device replaced, with its continuation lines
        String boot = "ARRAY /dev/md/boot metadata=1.2 name=h:boot UUID=55555555:66666666:77777777:88888888";
        String after = new String(MdadmConf.with(conf, "/dev/md/boot", "55555555:66666666:77777777:88888888", boot), StandardCharsets.UTF_8);
        assertEquals(DEBIAN.replace("ARRAY /dev/md/boot metadata=1.0 name=h:boot UUID=11111111:22222222:33333333:44444444\n   devices=/dev/sda1,/dev/sdb1\n", boot + "\n"), after);
        assertEquals("ARRAY /dev/md/boot metadata=1.0 name=h:boot UUID=11111111:22222222:33333333:44444444\n   devices=/dev/sda1,/dev/sdb1",
                MdadmConf.lineFor(conf, "11111111:22222222:33333333:44444444"));
        assertNull(MdadmConf.lineFor(conf, "70bc1acd:f879f9cd:dca76d79:d9ce624a"));
        assertTrue(new String(MdadmConf.with(new byte[0], "/dev/md/md0", "70bc1acd:f879f9cd:dca76d79:d9ce624a", line), StandardCharsets.UTF_8).equals(line + "\n"));
    }
}
