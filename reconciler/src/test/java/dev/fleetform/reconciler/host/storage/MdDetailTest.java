package dev.fleetform.reconciler.host.storage;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code mdadm --detail --export} as real machines printed it. */
class MdDetailTest {
    @Test
    void anActiveMirrorWhoseMemberKeysAreMangled() {
        MdDetail md = MdDetail.parse(Recorded.text("fedora-imsm-raid1.export"));
        assertEquals(1, md.level());
        assertEquals(2, md.raidDevices());
        assertEquals(List.of("/dev/sda", "/dev/sdb"), md.members(), "by role, the device taken from _DEV");
        assertEquals(List.of(), md.spares());
        assertNull(md.metadata(), "an imsm member names no MD_METADATA");
        assertFalse(md.degraded());
    }

    @Test
    void anInactiveArrayHasNoLevelAndOnlySpares() {
        MdDetail md = MdDetail.parse(Recorded.text("opensuse-inactive-raid5.export"));
        assertNull(md.level());
        assertNull(md.levelName());
        assertEquals(List.of(), md.members());
        assertEquals(List.of("/dev/sdc", "/dev/sdd", "/dev/sdb"), md.spares());
        assertEquals("1.2", md.metadata());
        assertTrue(md.degraded(), "3 slots, none active");
    }

    @Test
    void rolesOrderMembersAndOddRolesAreNotActive() {
        MdDetail md = MdDetail.parse("MD_LEVEL=raid5\nMD_DEVICES=3\nMD_DEVICE_dev_c_ROLE=2\nMD_DEVICE_dev_c_DEV=/dev/c\n"
                + "MD_DEVICE_dev_a_ROLE=0\nMD_DEVICE_dev_a_DEV=/dev/a\nMD_DEVICE_dev_b_ROLE=faulty\nMD_DEVICE_dev_b_DEV=/dev/b\n"
                + "MD_DEVICE_dev_j_ROLE=journal\nMD_DEVICE_dev_j_DEV=/dev/j\n");
        assertEquals(5, md.level());
        assertEquals(List.of("/dev/a", "/dev/c"), md.members());
        assertEquals(List.of("/dev/b", "/dev/j"), md.faulty());
        assertTrue(md.degraded());
        assertNull(MdDetail.parse("MD_LEVEL=linear\nMD_DEVICES=2\n").level(), "a level Fleetform does not manage is no number");
    }

    @Test
    void notAnArrayIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MdDetail.parse("mdadm: /dev/vda does not appear to be an md device\n"));
        assertEquals("mdadm printed no MD_ lines: mdadm: /dev/vda does not appear to be an md device", e.getMessage());
    }
}
