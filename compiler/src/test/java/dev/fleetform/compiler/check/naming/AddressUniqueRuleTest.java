package dev.fleetform.compiler.check.naming;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.fleetform.compiler.check.RuleHarness.rendered;
import static org.junit.jupiter.api.Assertions.assertEquals;

class AddressUniqueRuleTest {
    private final AddressUniqueRule rule = new AddressUniqueRule();

    @Test
    void hostsVmsAndBastionsShareOneAddressSpace() {
        String yaml = """
                apiVersion: fleetform.dev/v1
                kind: Fleet
                metadata: { name: test }
                access:
                  bastions:
                    - { name: ops-jump, kind: openssh, address: 10.0.2.11 }
                hosts:
                  - name: gpu-01
                    address: 10.0.2.11
                    hardware: { cpu: { cores: 64 }, memoryGiB: 512 }
                    vms:
                      - { name: vm1, vcpus: 4, memoryGiB: 8, network: { bridge: br0, address: 10.0.3.21 } }
                  - name: gpu-02
                    address: 10.0.3.21
                    hardware: { cpu: { cores: 64 }, memoryGiB: 512 }
                """;
        assertEquals(List.of(
                "fleet.yaml:6:40: error[ADDRESS-UNIQUE]: address 10.0.2.11 of bastion ops-jump is already the address of host gpu-01 at fleet.yaml:9",
                "fleet.yaml:14:5: error[ADDRESS-UNIQUE]: address 10.0.3.21 of host gpu-02 is already the address of VM vm1 at fleet.yaml:12"),
                rendered(rule, yaml));
    }

    @Test
    void distinctAddressesAndDhcpVmsPass() {
        String yaml = """
                apiVersion: fleetform.dev/v1
                kind: Fleet
                metadata: { name: test }
                access:
                  bastions:
                    - { name: ops-jump, kind: openssh, address: 10.0.0.6 }
                hosts:
                  - name: gpu-01
                    address: 10.0.2.11
                    hardware: { cpu: { cores: 64 }, memoryGiB: 512 }
                    vms:
                      - { name: vm1, vcpus: 4, memoryGiB: 8, network: { bridge: br0 } }
                      - { name: vm2, vcpus: 4, memoryGiB: 8, network: { bridge: br0 } }
                      - { name: vm3, vcpus: 4, memoryGiB: 8, network: { bridge: br0, address: 10.0.3.23 } }
                """;
        assertEquals(List.of(), rendered(rule, yaml));
    }
}
