package dev.fleetform.compiler.schemacheck;

import static dev.fleetform.compiler.testing.Fleets.edit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fleetform.compiler.Stage;
import dev.fleetform.compiler.Validation;
import dev.fleetform.compiler.diag.Diagnostic;
import dev.fleetform.compiler.testing.Fleets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Schema violations as the user sees them: rule id, file:line:col, message and hint. */
class SchemaCheckTest {
    private static final String FLEET = """
            apiVersion: fleetform.dev/v1
            kind: Fleet
            metadata: { name: lab }
            defaults:
              baseline:
                sysctl: { vm.swappiness: "1" }
            hosts:
              - name: stor-01
                address: 10.0.1.11
                hardware:
                  cpu: { cores: 16 }
                  memoryGiB: 64
                  disks:
                    - { name: d1, device: /dev/nvme1n1, sizeGiB: 3840, media: nvme }
                storage:
                  raid:
                    - { name: md0, level: 1, devices: [d1], metadata: "1.2" }
                vms:
                  - name: vm1
                    vcpus: 4
                    memoryGiB: 8
                    autostart: true
            """;

    private static Diagnostic only(String yaml) {
        Validation v = Fleets.validate(yaml);
        assertEquals(Stage.SCHEMA, v.reachedStage(), () -> Fleets.render(v.diagnostics()));
        assertEquals(1, v.diagnostics().size(), () -> Fleets.render(v.diagnostics()));
        return v.diagnostics().getFirst();
    }

    private static String line(Diagnostic d) {
        return d.location() + ": " + d.severity().label() + "[" + d.ruleId() + "]: " + d.message();
    }

    @Test
    void unknownKeyIsReportedAtTheKeyWithTheKeyItMeant() {
        List<Diagnostic> ds = Fleets.diagnostics(edit(FLEET, "    address: 10.0.1.11", "    adress: 10.0.1.11"));
        assertEquals(List.of(
                "fleet.yaml:8:5: error[SCHEMA-REQUIRED]: missing required key 'address' in hosts[0]",
                "fleet.yaml:9:5: error[SCHEMA-UNKNOWN-KEY]: unknown key 'adress' in hosts[0]"),
                ds.stream().map(SchemaCheckTest::line).toList());
        assertEquals("did you mean 'address'?", ds.get(1).hint());
    }

    /** Found by FuzzTest: the binder failed (INTERNAL) on a secret the schema had left to SECRET-MATERIAL. */
    @Test
    void aSecretWhereANumberOrAnEnumBelongsIsReportedMaskedAndStopsBeforeBinding() {
        String key = "-----BEGIN RSA PRIVATE KEY-----";
        for (String edited : List.of(edit(FLEET, "cores: 16", "cores: \"" + key + "\""), edit(FLEET, "media: nvme", "media: \"" + key + "\""))) {
            Diagnostic d = only(edited);
            assertEquals("SECRET-MATERIAL", d.ruleId(), line(d));
            assertEquals(false, d.message().contains(key), line(d));
        }
        assertEquals("fleet.yaml:11:21: error[SECRET-MATERIAL]: hosts[0].hardware.cpu.cores: this value holds secret material,"
                + " and is not valid here either (type)", line(only(edit(FLEET, "cores: 16", "cores: \"" + key + "\""))));
    }

    @Test
    void unknownKeyFarFromAnyListsTheAllowedKeys() {
        Diagnostic d = only(edit(FLEET, "  baseline:", "  zzz: 1\n  baseline:"));
        assertEquals("fleet.yaml:5:3: error[SCHEMA-UNKNOWN-KEY]: unknown key 'zzz' in defaults", line(d));
        assertEquals("allowed keys here: baseline, ssh", d.hint());
    }

    @Test
    void missingKeyIsReportedAtTheObjectThatLacksIt() {
        Diagnostic d = only(edit(FLEET, "        vcpus: 4\n", ""));
        assertEquals("fleet.yaml:19:9: error[SCHEMA-REQUIRED]: missing required key 'vcpus' in hosts[0].vms[0]", line(d));
        assertEquals("Virtual CPUs, at most 4096 (e.g. 16). The sum over a host's VMs is at most cores x overcommit.cpu.", d.hint());
    }

    @Test
    void hostileDevicePathIsExplainedInWordsAtTheValue() {
        Diagnostic d = only(edit(FLEET, "device: /dev/nvme1n1", "device: \"/dev/sda;rm -rf /\""));
        assertEquals("fleet.yaml:14:31: error[SCHEMA-PATTERN]: hosts[0].hardware.disks[0].device: "
                + "'/dev/sda;rm -rf /' is not a valid device path", line(d));
        assertEquals(true, d.hint().startsWith("An absolute device path: /dev/ followed by"), d.hint());
    }

    @Test
    void badSysctlKeyIsReportedAtTheKey() {
        Diagnostic d = only(edit(FLEET, "{ vm.swappiness: \"1\" }", "{ \"vm swappiness\": \"1\" }"));
        assertEquals("fleet.yaml:6:15: error[SCHEMA-PATTERN]: key 'vm swappiness' is not a valid sysctl key "
                + "in defaults.baseline.sysctl", line(d));
    }

    @Test
    void hostileSysctlValueNamesTheKeyReadably() {
        Diagnostic d = only(edit(FLEET, "vm.swappiness: \"1\"", "vm.swappiness: \"1; reboot\""));
        assertEquals("fleet.yaml:6:30: error[SCHEMA-PATTERN]: defaults.baseline.sysctl[\"vm.swappiness\"]: "
                + "'1; reboot' is not a valid sysctl value", line(d));
    }

    @Test
    void unquotedVersionNumberGetsAQuoteHint() {
        Diagnostic d = only(edit(FLEET, "metadata: \"1.2\"", "metadata: 1.2"));
        assertEquals("fleet.yaml:17:59: error[SCHEMA-TYPE]: hosts[0].storage.raid[0].metadata: "
                + "expected a string, found the number 1.2", line(d));
        assertEquals("quote it: \"1.2\" (YAML reads it unquoted as a number)", d.hint());
    }

    @Test
    void yesIsNotABoolean() {
        Diagnostic d = only(edit(FLEET, "autostart: true", "autostart: yes"));
        assertEquals("fleet.yaml:22:20: error[SCHEMA-TYPE]: hosts[0].vms[0].autostart: "
                + "expected true or false, found the string 'yes'", line(d));
        assertEquals("write true or false", d.hint());
    }

    @Test
    void enumListsTheValuesAndGuessesTheMeantOne() {
        Diagnostic d = only(edit(FLEET, "media: nvme", "media: nvm"));
        assertEquals("fleet.yaml:14:67: error[SCHEMA-ENUM]: hosts[0].hardware.disks[0].media: "
                + "'nvm' is not one of: nvme, ssd, hdd", line(d));
        assertEquals("did you mean 'nvme'?", d.hint());
    }

    @Test
    void numericEnumDoesNotGuess() {
        Diagnostic d = only(edit(FLEET, "level: 1,", "level: 3,"));
        assertEquals("SCHEMA-ENUM", d.ruleId());
        assertEquals("use one of: 0, 1, 5, 6, 10", d.hint());
    }

    @Test
    void outOfRangeNumber() {
        Diagnostic d = only(edit(FLEET, "vcpus: 4", "vcpus: 0"));
        assertEquals("fleet.yaml:20:16: error[SCHEMA-RANGE]: hosts[0].vms[0].vcpus: 0 is not greater or equal to 1", line(d));
    }

    /** Issue 10: 4294967292 vCPUs wrapped to -4 and passed VM-CPU-FIT; the schema refuses it as written. */
    @Test
    void aNumberPastItsMaximumIsShownAsWrittenWithTheLimitInTheHint() {
        Diagnostic d = only(edit(FLEET, "vcpus: 4", "vcpus: 4294967292"));
        assertEquals("fleet.yaml:20:16: error[SCHEMA-RANGE]: hosts[0].vms[0].vcpus: 4294967292 is not less or equal to 4096", line(d));
        assertEquals("Virtual CPUs, at most 4096 (e.g. 16). The sum over a host's VMs is at most cores x overcommit.cpu.", d.hint());
        d = only(edit(FLEET, "vcpus: 4", "vcpus: 123456789012345678901234567890"));
        assertTrue(d.message().startsWith("hosts[0].vms[0].vcpus: 123456789012345678901234567890 is not less"), d::message);
    }

    /** FLEET with {@code monitoring.consul} on line 24, its value from column 11. */
    private static String consul(String value) {
        return FLEET + "monitoring:\n  consul: " + value + "\n";
    }

    @Test
    void aConsulServerWithoutAPortSaysWhatAServerIs() {
        Diagnostic d = only(consul("{ server: 10.0.0.5 }"));
        assertEquals("fleet.yaml:24:21: error[SCHEMA-PATTERN]: monitoring.consul.server: "
                + "'10.0.0.5' is not a valid host:port address", line(d));
        assertEquals(true, d.hint().startsWith("A network address, host:port"), d.hint());
        assertEquals("SCHEMA-PATTERN", only(consul("{ server: \"[fd00::5]:65536\" }")).ruleId());
        assertEquals("SCHEMA-PATTERN", only(consul("{ server: \"http://10.0.0.5:8500\" }")).ruleId());
    }

    @Test
    void anUnknownKeyInConsulGetsTheKeyItMeant() {
        Diagnostic d = only(consul("{ server: \"10.0.0.5:8500\", datacentre: dc1 }"));
        assertEquals("fleet.yaml:24:38: error[SCHEMA-UNKNOWN-KEY]: unknown key 'datacentre' in monitoring.consul", line(d));
        assertEquals("did you mean 'datacenter'?", d.hint());
    }

    @Test
    void aConsulDatacenterNeedsAServer() {
        Diagnostic d = only(consul("{ datacenter: dc1 }"));
        assertEquals("fleet.yaml:24:3: error[SCHEMA-REQUIRED]: monitoring.consul: set server too: datacenter only"
                + " tells Prometheus which datacenter to ask the server about", line(d));
        assertEquals("SCHEMA-PATTERN", only(consul("{ server: \"consul:8500\", datacenter: DC1 }")).ruleId());
    }

    /** FLEET with {@code monitoring.<key>} on line 24, its value from column 5 + the key's length. */
    private static String monitoring(String key, String value) {
        return FLEET + "monitoring:\n  " + key + ": " + value + "\n";
    }

    @Test
    void anAlertmanagerWithoutAPortSaysWhatAnAddressIs() {
        Diagnostic d = only(monitoring("alertmanagers", "[\"10.0.0.7:9093\", am-2.example.com]"));
        assertEquals("fleet.yaml:24:36: error[SCHEMA-PATTERN]: monitoring.alertmanagers[1]: "
                + "'am-2.example.com' is not a valid host:port address", line(d));
        assertEquals(true, d.hint().startsWith("A network address, host:port"), d.hint());
    }

    @Test
    void anEmptyAlertmanagerListIsRefused() {
        assertEquals("fleet.yaml:24:3: error[SCHEMA-LIST]: monitoring.alertmanagers: expected minimum item count: 1, found: 0",
                line(only(monitoring("alertmanagers", "[]"))));
    }

    @Test
    void aDingtalkBridgeWithAPathSaysWhatABaseUrlIs() {
        Diagnostic d = only(monitoring("dingtalkBridge", "http://10.0.0.7:8060/dingtalk"));
        assertEquals("fleet.yaml:24:19: error[SCHEMA-PATTERN]: monitoring.dingtalkBridge: "
                + "'http://10.0.0.7:8060/dingtalk' is not a valid base URL", line(d));
        assertEquals(true, d.hint().startsWith("A service's base URL: http:// or https://"), d.hint());
    }

    @Test
    void errorsInAnIncludedFileNameThatFile() {
        Validation v = Fleets.validate(Map.of(
                "fleet.yaml", edit(FLEET, "metadata: { name: lab }", "metadata: { name: lab }\ninclude: [more.yaml]"),
                "more.yaml", """
                        hosts:
                          - name: stor-02
                            address: 10.0.1.12
                            rolse: [storage]
                        """));
        List<String> lines = v.diagnostics().stream().map(SchemaCheckTest::line).toList();
        assertEquals(List.of("more.yaml:4:5: error[SCHEMA-UNKNOWN-KEY]: unknown key 'rolse' in hosts[1]"), lines);
    }
}
