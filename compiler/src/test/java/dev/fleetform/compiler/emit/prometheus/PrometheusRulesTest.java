package dev.fleetform.compiler.emit.prometheus;

import dev.fleetform.compiler.emit.Compiled;
import dev.fleetform.compiler.emit.ExternalTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compiles {@code promtool/fleet.yaml} and runs the shipped {@code promtool test rules} files
 * on its rule files: HostDown fires only after its {@code for}, RaidDegraded fires for a missing
 * and for a failed member, and the fixture's user rule fires.
 */
class PrometheusRulesTest {

    private static String resource(String name) throws IOException {
        try (InputStream in = PrometheusRulesTest.class.getResourceAsStream("/promtool/" + name)) {
            if (in == null) throw new AssertionError("missing test resource promtool/" + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void shippedRuleTestsPass(@TempDir Path dir) throws IOException {
        ExternalTool.write(dir, Compiled.emit(new PrometheusEmitter(), resource("fleet.yaml")));
        Path rules = dir.resolve("prometheus/rules");
        for (String test : new String[] {"baseline_test.yml", "user_test.yml"}) {
            Files.writeString(rules.resolve(test), resource(test));
        }
        ExternalTool.ok(rules, "promtool", "test", "rules", "baseline_test.yml", "user_test.yml");
    }
}
