package dev.fleetform.compiler.check.storage;

/** A valid storage node that the storage rule tests break one way each (line numbers matter). */
final class StorageFleet {
    private StorageFleet() {
    }

    static final String YAML = """
            apiVersion: fleetform.dev/v1
            kind: Fleet
            hosts:
              - name: st-01
                address: 10.0.1.11
                hardware:
                  cpu: { cores: 32 }
                  memoryGiB: 256
                  disks:
                    - { name: d1, device: /dev/sdb, sizeGiB: 4000, media: hdd }
                    - { name: d2, device: /dev/sdc, sizeGiB: 4000, media: hdd }
                    - { name: d3, device: /dev/sdd, sizeGiB: 4000, media: hdd }
                    - { name: d4, device: /dev/sde, sizeGiB: 4000, media: hdd }
                    - { name: d5, device: /dev/sdf, sizeGiB: 960, media: ssd }
                storage:
                  raid:
                    - { name: md0, level: 5, devices: [d1, d2, d3], spares: [d4], chunkKiB: 512 }
                  filesystems:
                    - { name: data, on: md0, type: xfs, mountpoint: /data }
                    - { name: logs, on: d5, type: ext4, mountpoint: /var/log/app }
            """;

    /** Two hosts sharing one profile's storage: a finding there is one error at the profile. */
    static final String PROFILED = """
            apiVersion: fleetform.dev/v1
            kind: Fleet
            profiles:
              storage-node:
                hardware:
                  cpu: { cores: 32 }
                  memoryGiB: 256
                  disks:
                    - { name: d1, device: /dev/sdb, sizeGiB: 4000, media: hdd }
                    - { name: d2, device: /dev/sdc, sizeGiB: 4000, media: hdd }
                    - { name: d3, device: /dev/sdd, sizeGiB: 4000, media: hdd }
                storage:
                  raid:
                    - { name: md0, level: 5, devices: [d1, d2, d3], chunkKiB: 512 }
                  filesystems:
                    - { name: data, on: md0, type: xfs, mountpoint: /data }
            hosts:
              - { name: st-01, profile: storage-node, address: 10.0.1.11 }
              - { name: st-02, profile: storage-node, address: 10.0.1.12 }
            """;

    /** The fixture with one exact piece of text replaced; fails loudly if the text is not there. */
    static String with(String yaml, String from, String to) {
        if (!yaml.contains(from)) throw new IllegalArgumentException("fixture has no '" + from + "'");
        return yaml.replace(from, to);
    }

    static String with(String from, String to) {
        return with(YAML, from, to);
    }
}
