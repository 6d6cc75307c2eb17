package dev.fleetform.compiler.check;

/**
 * A hypervisor whose VMs use exactly all of its vCPUs (32 cores x 1.5), memory (256 - 16 GiB)
 * and filesystems (RAID5 of 1000+800+1000 GiB = 1600 GiB; a 500 GiB disk), so one more unit of
 * anything is too much. Line numbers matter to the tests.
 */
public final class VmHostFleet {
    private VmHostFleet() {
    }

    public static final String YAML = """
            apiVersion: fleetform.dev/v1
            kind: Fleet
            hosts:
              - name: hv-01
                address: 10.0.2.11
                overcommit: { cpu: 1.5 }
                reservedMemoryGiB: 16
                hardware:
                  cpu: { cores: 32 }
                  memoryGiB: 256
                  disks:
                    - { name: d1, device: /dev/nvme1n1, sizeGiB: 1000, media: nvme }
                    - { name: d2, device: /dev/nvme2n1, sizeGiB: 800, media: nvme }
                    - { name: d3, device: /dev/nvme3n1, sizeGiB: 1000, media: nvme }
                    - { name: d4, device: /dev/sdb, sizeGiB: 500, media: ssd }
                storage:
                  raid:
                    - { name: md0, level: 5, devices: [d1, d2, d3] }
                  filesystems:
                    - { name: vmstore, on: md0, type: xfs, mountpoint: /var/lib/libvirt/images }
                    - { name: scratch, on: d4, type: ext4, mountpoint: /scratch }
                vms:
                  - { name: vm1, vcpus: 16, memoryGiB: 96, disks: [ { filesystem: vmstore, sizeGiB: 800 } ] }
                  - name: vm2
                    vcpus: 16
                    memoryGiB: 96
                    disks:
                      - { filesystem: vmstore, sizeGiB: 800 }
                      - { filesystem: scratch, sizeGiB: 500 }
                  - { name: vm3, vcpus: 16, memoryGiB: 48 }
            """;

    /** The fixture with one exact piece of text replaced; fails loudly if the text is not there. */
    public static String with(String from, String to) {
        if (!YAML.contains(from)) throw new IllegalArgumentException("fixture has no '" + from + "'");
        return YAML.replace(from, to);
    }
}
