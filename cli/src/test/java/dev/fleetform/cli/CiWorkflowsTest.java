package dev.fleetform.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.fleetform.cli.output.DiagnosticFormat;
import dev.fleetform.changes.render.PlanMarkdown;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParseResult;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CI files of fleet-repo-example run the commands Fleetform really accepts: each
 * {@code fleetform ...} line is cut out of the YAML and parsed by the CLI's own picocli model, so
 * a renamed flag or format breaks this test, not a user's pipeline.
 */
class CiWorkflowsTest {
    private static final String LAUNCHER = "tools/fleetform/fleetform";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void githubWorkflowValidatesPlansAndPostsOneStickyComment() throws IOException {
        JsonNode wf = read(".github/workflows/fleet.yml");
        assertTrue(wf.path("on").has("pull_request"), "runs on pull requests");
        JsonNode steps = wf.at("/jobs/plan/steps");
        List<String> scripts = new ArrayList<>();
        steps.forEach(s -> scripts.add(s.path("run").asText() + s.at("/with/script").asText()));
        JsonNode checkout = find(steps, "actions/checkout");
        assertEquals(0, checkout.at("/with/fetch-depth").asInt(-1), "a full clone: the base must be in it");
        assertTrue(checkout.at("/with/submodules").asBoolean(), "the launcher is in the tools/fleetform submodule");
        JsonNode java = find(steps, "actions/setup-java");
        assertEquals("temurin", java.at("/with/distribution").asText());
        assertEquals("21", java.at("/with/java-version").asText());

        ParseResult validate = command(scripts, "validate");
        ParseResult plan = command(scripts, "plan");
        assertEquals(DiagnosticFormat.GITHUB, validate.matchedOptionValue("--format", DiagnosticFormat.TEXT));
        assertEquals(DiagnosticFormat.GITHUB, plan.matchedOptionValue("--diagnostics", DiagnosticFormat.TEXT));
        assertEquals("origin/$BASE_REF", plan.matchedOptionValue("--base", ""));
        assertEquals("${{ github.base_ref }}", find(steps, "Plan").at("/env/BASE_REF").asText());
        assertEquals(PlanCommand.Format.markdown, plan.matchedOptionValue("--format", PlanCommand.Format.text));
        assertEquals(Path.of("plan.md"), plan.matchedOptionValue("--out", Path.of("")));

        String post = find(steps, "actions/github-script").at("/with/script").asText();
        assertTrue(post.contains("'" + PlanMarkdown.MARKER + "'") && post.contains("updateComment") && post.contains("createComment"), post);
        assertFailsOnTheRightCodes(String.join("\n", scripts));
        // a failing validate fails its step, hence the job; the plan is still computed and posted
        JsonNode validateStep = find(steps, "Validate");
        assertFalse(validateStep.has("continue-on-error"), validateStep::toString);
        assertFalse(validateStep.path("run").asText().contains("||"), validateStep::toString);
        assertEquals("${{ !cancelled() }}", find(steps, "Plan").path("if").asText());
    }

    @Test
    void gitlabPipelineValidatesPlansAndPostsOneStickyNote() throws IOException {
        JsonNode ci = read(".gitlab-ci.yml");
        JsonNode job = ci.path("fleet-plan");
        assertTrue(job.at("/rules/0/if").asText().contains("merge_request_event"), "runs for merge requests");
        assertEquals("0", job.at("/variables/GIT_DEPTH").asText(), "a full clone: the base must be in it");
        List<String> scripts = new ArrayList<>();
        job.path("script").forEach(s -> scripts.add(s.asText()));

        command(scripts, "validate");
        ParseResult plan = command(scripts, "plan");
        assertEquals("$CI_MERGE_REQUEST_DIFF_BASE_SHA", plan.matchedOptionValue("--base", ""));
        assertEquals(PlanCommand.Format.markdown, plan.matchedOptionValue("--format", PlanCommand.Format.text));
        assertEquals(Path.of("plan.md"), plan.matchedOptionValue("--out", Path.of("")));

        String all = String.join("\n", scripts);
        assertTrue(all.contains(PlanMarkdown.MARKER) && all.contains("$FLEETFORM_BOT_TOKEN")
                && all.contains("-X PUT") && all.contains("-X POST"), all);
        assertFailsOnTheRightCodes(all);
        // a failing validate fails the job too, once the note is posted: its exit is kept, then acted on
        String validate = all.lines().map(String::strip).filter(l -> l.startsWith(LAUNCHER + " validate ")).findFirst().orElseThrow();
        assertFalse(validate.contains("||"), validate);
        assertTrue(all.contains(validate + "\nvalidate_code=$?") || all.contains(validate + "\n      validate_code=$?"), all);
        int check = all.indexOf("if [ \"$validate_code\" -ne 0 ]; then");
        assertTrue(check > all.indexOf("-X POST") && all.indexOf("exit 1", check) > check, all);
    }

    private static void assertFailsOnTheRightCodes(String script) {
        assertTrue(script.contains("0|2)") && script.contains("1|3|4|64)") && script.contains("exit 1"),
                "the job passes on 0 and 2 and fails on 1, 3, 4 and 64:\n" + script);
        assertTrue(List.of(PlanCommand.EXIT_NO_CHANGES, PlanCommand.EXIT_CHANGES, PlanCommand.EXIT_BLOCKED, PlanCommand.EXIT_NO_REVISION,
                PlanCommand.EXIT_USAGE, ExitCodes.INVALID).equals(List.of(0, 2, 3, 4, 64, 1)), "the exit codes the CI files act on");
    }

    private static JsonNode read(String file) throws IOException {
        return YAML.readTree(Cli.repoRoot().resolve("fleet-repo-example").resolve(file).toFile());
    }

    /** The step that uses {@code action} (owner/name) or is named so. */
    private static JsonNode find(JsonNode steps, String action) {
        for (JsonNode s : steps) {
            if (s.path("uses").asText().startsWith(action + "@") || s.path("name").asText().equals(action)) return s;
        }
        throw new AssertionError("no step uses or is named " + action);
    }

    /** The one {@code tools/fleetform/fleetform VERB ...} line in the scripts, parsed by the CLI. */
    private static ParseResult command(List<String> scripts, String verb) {
        List<String> lines = scripts.stream().flatMap(String::lines).map(String::strip)
                .filter(l -> l.startsWith(LAUNCHER + " " + verb + " ")).toList();
        assertEquals(1, lines.size(), "one '" + LAUNCHER + " " + verb + "' line: " + lines);
        List<String> args = words(lines.getFirst().substring(LAUNCHER.length()));
        ParseResult top = FleetformCommand.commandLine().parseArgs(args.toArray(String[]::new));
        assertTrue(top.hasSubcommand() && top.subcommand().commandSpec().name().equals(verb), args::toString);
        return top.subcommand();
    }

    /** Shell words up to the first redirection, pipe or list operator; quotes removed. */
    private static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        char quote = 0;
        boolean inWord = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) quote = 0; else w.append(c);
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) words.add(w.toString());
                w.setLength(0);
                inWord = false;
            } else if ((c == '>' || c == '|' || c == ';' || c == '&') && !inWord) {
                break;
            } else {
                w.append(c);
                inWord = true;
            }
        }
        if (inWord) words.add(w.toString());
        return words;
    }
}
