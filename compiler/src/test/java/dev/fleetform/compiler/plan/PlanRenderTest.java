package dev.fleetform.compiler.plan;

import dev.fleetform.changes.Action;
import dev.fleetform.changes.Address;
import dev.fleetform.changes.ResourceKind;
import dev.fleetform.changes.FieldChange;
import dev.fleetform.changes.Plan;
import dev.fleetform.changes.ResourceChange;
import dev.fleetform.changes.Risk;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleetform.changes.render.PlanJson;
import dev.fleetform.changes.render.PlanMarkdown;
import dev.fleetform.changes.render.PlanText;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.fleetform.compiler.plan.PlanFixtures.plan;
import static dev.fleetform.compiler.testing.Fleets.SAMPLE;
import static dev.fleetform.compiler.testing.Fleets.edit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Golden renders of one plan with a destructive, a disruptive, a safe and a shared change.
 * Regenerate with {@code -Dfleetform.updateGolden=true}, then read the diff before committing.
 */
class PlanRenderTest {
    static final Path GOLDEN = Path.of("src/test/resources/plan/golden");

    static final String HEAD = edit(SAMPLE, "level: 5, devices", "level: 0, devices")
            .replace("replicas: 2", "replicas: 3")
            .replace("ore:3.4.15", "ore:3.4.16")
            .replace("sysctl: { vm.swappiness: \"1\"", "sysctl: { vm.swappiness: \"10\"");

    private static Plan thePlan() {
        return plan(SAMPLE, HEAD);
    }

    private static void golden(String name, String actual) throws IOException {
        Path file = GOLDEN.resolve(name);
        if (Boolean.getBoolean("fleetform.updateGolden")) Files.writeString(file, actual);
        assertEquals(Files.readString(file), actual, "golden " + file + " (regenerate with -Dfleetform.updateGolden=true)");
    }

    @Test
    void markdown() throws IOException {
        golden("plan.md", PlanMarkdown.render(thePlan(), "sample", null));
    }

    @Test
    void json() throws IOException {
        golden("plan.json", PlanJson.render(thePlan()));
    }

    @Test
    void text() throws IOException {
        golden("plan.txt", PlanText.render(thePlan(), false));
    }

    @Test
    void jsonIsVersionedAndCountsRisks() throws IOException {
        JsonNode doc = new ObjectMapper().readTree(PlanJson.render(thePlan()));
        assertEquals("1", doc.get("format_version").asText());
        // the new level changes md1's stripe width too, so its filesystem is made again as well
        assertEquals(2, doc.get("summary").get("destructive").asInt());
        assertEquals(2, doc.get("summary").get("blocked").asInt());
        assertEquals("replace", doc.get("resource_changes").get(0).get("action").asText());
    }

    @Test
    void colourOnlyWhenAsked() {
        assertFalse(PlanText.render(thePlan(), false).contains("\u001b["));
        assertTrue(PlanText.render(thePlan(), true).contains("\u001b[31m"));
    }

    @Test
    void aHugePlanStaysUnderGithubsCommentLimitAndKeepsTheBanner() {
        List<ResourceChange> many = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            many.add(new ResourceChange(Address.parse("host/h-%04d/raid/md0".formatted(i)), ResourceKind.RAID, Action.REPLACE, Risk.DESTRUCTIVE,
                    "RAID level 6→5 re-creates md0 on h-%04d: all data on md0 is lost".formatted(i),
                    List.of(new FieldChange("level", 6, 5)), Map.of(), Map.of(), List.of(), false));
        }
        String md = PlanMarkdown.render(new Plan("1", many, List.of()), "big", "x".repeat(100_000));
        assertTrue(md.length() <= PlanMarkdown.LIMIT, "length " + md.length());
        assertTrue(md.startsWith(PlanMarkdown.MARKER));
        assertTrue(md.contains("> [!CAUTION]\n> **5000 destructive changes"));
        assertTrue(md.contains("| **destructive** | 5000 | 0 |"));
        assertTrue(md.contains("more changes not shown: a comment is limited to 65,536 characters"), md.substring(md.length() - 400));
    }

    @Test
    void markdownEscapesTableBreakingText() {
        ResourceChange c = new ResourceChange(Address.parse("prometheus/rule/g/A"), ResourceKind.PROMETHEUS_RULE, Action.UPDATE, Risk.SAFE,
                "expr a|b <script>", List.of(), Map.of(), Map.of(), List.of(), false);
        String md = PlanMarkdown.render(new Plan("1", List.of(c), List.of()), null, null);
        assertTrue(md.contains("expr a\\|b &lt;script&gt;"), md);
    }
}
