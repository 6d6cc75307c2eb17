package dev.fleetform.compiler.check.workload;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.fleetform.compiler.check.RuleHarness.rendered;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ImageLatestRuleTest {
    private final ImageLatestRule rule = new ImageLatestRule();

    private static String fleet(String image) {
        return """
                apiVersion: fleetform.dev/v1
                kind: Fleet
                metadata: { name: test }
                workloads:
                  miners:
                    - name: ore
                      cluster: prod
                      pool: miners
                      namespace: mining
                      image: %s
                      replicas: 1
                      cores: 8
                """.formatted(image);
    }

    @Test
    void theLatestTagIsAWarning() {
        assertEquals(List.of("fleet.yaml:10:7: warning[IMAGE-LATEST]: miner ore image ghcr.io/regolith-labs/ore:latest uses the tag latest"),
                rendered(rule, fleet("ghcr.io/regolith-labs/ore:latest")));
    }

    @Test
    void aRegistryPortIsNotATag() {
        // The schema refuses images without a tag or digest; the parse must still not mistake a port for one.
        assertNull(ImageLatestRule.tagOf("registry.internal:5000/ore"));
        assertEquals("latest", ImageLatestRule.tagOf("registry.internal:5000/ore:latest"));
    }

    @Test
    void aVersionTagOrADigestPasses() {
        assertEquals(List.of(), rendered(rule, fleet("ghcr.io/regolith-labs/ore:3.4.15")));
        assertEquals(List.of(), rendered(rule, fleet("registry.internal:5000/ore:3.4.15")));
        assertEquals(List.of(), rendered(rule, fleet(
                "ghcr.io/regolith-labs/ore@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")));
    }
}
