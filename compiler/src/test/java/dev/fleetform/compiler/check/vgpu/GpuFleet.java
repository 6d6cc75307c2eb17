package dev.fleetform.compiler.check.vgpu;

/**
 * A GPU server whose vGPUs fit: gpu0 (equal-size) carries 3 of at most 4 A100-10C; gpu1
 * (mixed-size) carries 20+10+5+5 = 40 of 40 GiB; gpu2 (an A100-80GB) one A100D-40C.
 * Line numbers matter to the tests.
 */
final class GpuFleet {
    private GpuFleet() {
    }

    static final String YAML = """
            apiVersion: fleetform.dev/v1
            kind: Fleet
            hosts:
              - name: gpu-01
                address: 10.0.2.11
                hardware:
                  cpu: { cores: 64 }
                  memoryGiB: 512
                  gpus:
                    - { name: gpu0, model: A100-40GB, pci: "0000:3b:00.0" }
                    - { name: gpu1, model: A100-40GB, pci: "0000:5e:00.0", vgpuMode: mixed-size }
                    - { name: gpu2, model: A100-80GB, pci: "0000:86:00.0" }
                vms:
                  - name: vm1
                    vcpus: 8
                    memoryGiB: 64
                    vgpus:
                      - { gpu: gpu0, profile: A100-10C }
                      - { gpu: gpu0, profile: A100-10C }
                  - name: vm2
                    vcpus: 8
                    memoryGiB: 64
                    vgpus:
                      - { gpu: gpu0, profile: A100-10C }
                      - { gpu: gpu1, profile: A100-20C }
                      - { gpu: gpu1, profile: A100-10C }
                      - { gpu: gpu1, profile: A100-5C }
                      - { gpu: gpu1, profile: A100-5C }
                  - name: vm3
                    vcpus: 8
                    memoryGiB: 64
                    vgpus:
                      - { gpu: gpu2, profile: A100D-40C }
            """;

    /** The fixture with one exact piece of text replaced; fails loudly if the text is not there. */
    static String with(String yaml, String from, String to) {
        if (!yaml.contains(from)) throw new IllegalArgumentException("fixture has no '" + from + "'");
        return yaml.replace(from, to);
    }

    static String with(String from, String to) {
        return with(YAML, from, to);
    }

    /** Replaces the n-th (1-based) line of the fixture whose text contains {@code from}. */
    static String withLine(int line, String from, String to) {
        String[] lines = YAML.split("\n", -1);
        if (!lines[line - 1].contains(from)) throw new IllegalArgumentException("line " + line + " has no '" + from + "'");
        lines[line - 1] = lines[line - 1].replace(from, to);
        return String.join("\n", lines);
    }
}
