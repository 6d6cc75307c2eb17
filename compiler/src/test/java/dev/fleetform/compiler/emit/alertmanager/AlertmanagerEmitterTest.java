package dev.fleetform.compiler.emit.alertmanager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.fleetform.compiler.emit.Artefact;
import dev.fleetform.compiler.emit.Compiled;
import dev.fleetform.compiler.emit.ExternalTool;
import dev.fleetform.compiler.testing.Fleets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AlertmanagerEmitterTest {

    private static final YAMLMapper YAML = new YAMLMapper();

    private static Path compile(String fleet, Path dir) {
        ExternalTool.write(dir, Compiled.emit(new AlertmanagerEmitter(), fleet));
        return dir.resolve("alertmanager");
    }

    /** The receiver(s) {@code amtool config routes test} picks for alerts with these labels. */
    private static String route(Path dir, String... labels) {
        List<String> argv = new ArrayList<>(List.of("amtool", "config", "routes", "test", "--config.file=alertmanager.yml"));
        argv.addAll(List.of(labels));
        return ExternalTool.ok(dir, argv.toArray(String[]::new)).out().strip();
    }

    @Test
    void configPassesAmtool(@TempDir Path dir) {
        ExternalTool.ok(compile(Fleets.SAMPLE, dir), "amtool", "check-config", "alertmanager.yml");
    }

    @Test
    void routesInOrderFirstMatchWins(@TempDir Path dir) {
        Path am = compile(Fleets.SAMPLE, dir);
        assertEquals("sre-dingtalk", route(am, "severity=critical"));
        assertEquals("oncall-webhook", route(am, "team=mining"));
        assertEquals("sre-dingtalk", route(am, "severity=critical", "team=mining"));
        assertEquals("default", route(am, "team=storage"));
    }

    @Test
    void receiversPostToTheirUrls() throws Exception {
        JsonNode config = YAML.readTree(ExternalTool.find(
                Compiled.emit(new AlertmanagerEmitter(), Fleets.SAMPLE), "alertmanager/alertmanager.yml").bytes());
        assertEquals(YAML.readTree("""
                - name: default
                - name: sre-dingtalk
                  webhook_configs: [{url: "http://localhost:8060/dingtalk/sre-dingtalk/send", send_resolved: true}]
                - name: oncall-webhook
                  webhook_configs: [{url: "http://alert-router.internal:9000/hook", send_resolved: true}]
                """), config.path("receivers"));
    }

    @Test
    void aUserReceiverNamedDefaultTakesUnroutedAlerts(@TempDir Path dir) {
        String fleet = Fleets.SAMPLE.replace("oncall-webhook", "default");
        Path am = compile(fleet, dir);
        ExternalTool.ok(am, "amtool", "check-config", "alertmanager.yml");
        assertEquals("default", route(am, "team=storage"));
        assertEquals("default", route(am, "team=mining"));
    }

    /** SAMPLE with {@code monitoring.dingtalkBridge} set to {@code url}. */
    private static String withBridge(String url) {
        return Fleets.edit(Fleets.SAMPLE, "  baselineRules: true", "  baselineRules: true\n  dingtalkBridge: \"" + url + "\"");
    }

    @Test
    void dingtalkReceiversPostToTheConfiguredBridge(@TempDir Path dir) throws Exception {
        for (String bridge : List.of("https://dingtalk-bridge-2.int.example.com", "http://[fd00::7]:8060")) {
            List<Artefact> out = Compiled.emit(new AlertmanagerEmitter(), withBridge(bridge));
            Path am = dir.resolve(bridge.startsWith("https") ? "dns" : "ipv6");
            ExternalTool.write(am, out);
            ExternalTool.ok(am.resolve("alertmanager"), "amtool", "check-config", "alertmanager.yml");
            JsonNode receivers = YAML.readTree(ExternalTool.find(out, "alertmanager/alertmanager.yml").bytes()).path("receivers");
            assertEquals(bridge + "/dingtalk/sre-dingtalk/send", receivers.path(1).path("webhook_configs").path(0).path("url").asText());
            // a plain webhook keeps its own URL, and the bridge's own config does not change
            assertEquals("http://alert-router.internal:9000/hook", receivers.path(2).path("webhook_configs").path(0).path("url").asText());
            assertArrayEquals(ExternalTool.find(Compiled.emit(new AlertmanagerEmitter(), Fleets.SAMPLE), "alertmanager/dingtalk.yml").bytes(),
                    ExternalTool.find(out, "alertmanager/dingtalk.yml").bytes());
        }
    }

    @Test
    void withoutABridgeTheDefaultIsLocalhostAsBefore() {
        List<Artefact> implicit = Compiled.emit(new AlertmanagerEmitter(), Fleets.SAMPLE);
        List<Artefact> explicit = Compiled.emit(new AlertmanagerEmitter(), withBridge("http://localhost:8060"));
        assertEquals(implicit.size(), explicit.size());
        for (int i = 0; i < implicit.size(); i++) {
            assertArrayEquals(implicit.get(i).bytes(), explicit.get(i).bytes(), implicit.get(i).path());
        }
    }

    @Test
    void dingtalkBridgeConfigHoldsReferencesNotSecrets() throws Exception {
        Artefact a = ExternalTool.find(Compiled.emit(new AlertmanagerEmitter(), Fleets.SAMPLE), "alertmanager/dingtalk.yml");
        assertEquals(YAML.readTree("""
                targets:
                  sre-dingtalk:
                    url: "${secret:monitoring/dingtalk#url}"
                    secret: "${secret:monitoring/dingtalk#secret}"
                """), YAML.readTree(a.bytes()));
        assertTrue(a.text().contains("#   sre-dingtalk.url: monitoring/dingtalk#url\n"), a::text);
    }

    @Test
    void receiverNamesStartingWithADigitGetAValidBridgeTarget() throws Exception {
        String fleet = Fleets.SAMPLE.replace("sre-dingtalk", "1st-line");
        List<Artefact> out = Compiled.emit(new AlertmanagerEmitter(), fleet);
        JsonNode targets = YAML.readTree(ExternalTool.find(out, "alertmanager/dingtalk.yml").bytes()).path("targets");
        assertTrue(targets.has("r_1st-line"), targets::toString);
        assertTrue(ExternalTool.find(out, "alertmanager/alertmanager.yml").text()
                .contains("http://localhost:8060/dingtalk/r_1st-line/send"));
    }

    @Test
    void noBridgeConfigWithoutDingtalkReceivers() {
        String fleet = Fleets.edit(Fleets.SAMPLE,
                "dingtalk: { urlSecretRef: monitoring/dingtalk#url, signSecretRef: monitoring/dingtalk#secret }",
                "webhook: { url: \"http://alert-router.internal:9000/sre\" }");
        List<String> paths = Compiled.emit(new AlertmanagerEmitter(), fleet).stream().map(Artefact::path).toList();
        assertFalse(paths.contains("alertmanager/dingtalk.yml"), paths::toString);
    }

    @Test
    void minimalFleetRoutesEverythingToDefault(@TempDir Path dir) {
        Path am = compile(Fleets.MINIMAL, dir);
        ExternalTool.ok(am, "amtool", "check-config", "alertmanager.yml");
        assertEquals("default", route(am, "severity=critical"));
    }

    @Test
    void sameFleetSameBytes() {
        List<Artefact> a = Compiled.emit(new AlertmanagerEmitter(), Fleets.SAMPLE);
        List<Artefact> b = Compiled.emit(new AlertmanagerEmitter(), Fleets.SAMPLE);
        assertEquals(a.stream().map(Artefact::path).toList(), b.stream().map(Artefact::path).toList());
        for (int i = 0; i < a.size(); i++) assertArrayEquals(a.get(i).bytes(), b.get(i).bytes(), a.get(i).path());
    }
}
