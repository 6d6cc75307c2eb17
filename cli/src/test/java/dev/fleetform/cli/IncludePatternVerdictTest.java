package dev.fleetform.cli;

import static dev.fleetform.cli.FleetRepo.edit;
import static dev.fleetform.cli.FleetRepo.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bad include glob gives validate (files on disk) and plan (git objects) the same verdict: one
 * located INCLUDE-PATTERN error and exit 1, never PatternSyntaxException and exit 70.
 */
class IncludePatternVerdictTest {

    @TempDir
    Path tmp;

    @Test
    void validateAndPlanRefuseAnUnclosedBracketAlike() {
        try (FleetRepo repo = FleetRepo.init(tmp.resolve("fleet"))) {
            repo.commitFleet(sample(), "base: the sample fleet");
            String bad = edit(sample(), "hosts:\n", "include: [\"hosts/[a.yaml\"]\nhosts:\n");
            repo.commitFleet(bad, "a glob with an unclosed [");
            String error = "fleet.yaml:35:11: error[INCLUDE-PATTERN]: 'hosts/[a.yaml' is not a valid glob: a '[' is not closed by ']'";

            Cli validate = Cli.run("validate", repo.dir().resolve("fleet.yaml").toString());
            assertEquals(ExitCodes.INVALID, validate.exit(), validate::toString);
            String onDisk = repo.dir().resolve("fleet.yaml") + error.substring("fleet.yaml".length());
            assertTrue(validate.out().lines().anyMatch(l -> l.equals(onDisk)), validate::toString);

            Cli plan = Cli.run("plan", "--repo", repo.repoArg(), "--base", "HEAD~1", "--head", "HEAD");
            assertEquals(1, plan.exit(), plan::toString);
            assertTrue(plan.out().lines().anyMatch(l -> l.equals(error)), plan::toString);
            assertFalse((validate.err() + plan.err()).contains("internal error"), validate.err() + plan.err());
        }
    }
}
