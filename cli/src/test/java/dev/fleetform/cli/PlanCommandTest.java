package dev.fleetform.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static dev.fleetform.cli.FleetRepo.edit;
import static dev.fleetform.cli.FleetRepo.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code fleetform plan} end to end: real git repositories built with JGit, each head planned
 * against its parent through the CLI, checking the JSON a tool would read and the exit code a CI
 * job would act on.
 */
class PlanCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RAID = "host/store-01/raid/md1";
    private static final String DATA_FS = "host/store-01/filesystem/data";

    @TempDir
    Path tmp;
    FleetRepo repo;

    @BeforeEach
    void baseCommit() {
        repo = FleetRepo.init(tmp.resolve("fleet"));
        repo.commitFleet(sample(), "base: the sample fleet");
    }

    @AfterEach
    void close() {
        repo.close();
    }

    // --- a fleet growing commit by commit, each planned against its parent ---

    @Test
    void addingAHostIsASafeChange() {
        repo.commitFleet(edit(sample(), "access:\n", """
                  - name: store-02
                    address: 10.0.1.12
                    hostKey: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHCZe11hb02kUJD4Y+R/BIt3c0ZP+vYFddA+YT0i+NoQ"
                    roles: [storage]
                    hardware: { cpu: { cores: 8 }, memoryGiB: 32 }
                access:
                """), "add store-02");
        Planned p = planParent();
        assertEquals(2, p.exit, p.cli::toString);
        p.expect("host/store-02", "create", "safe");
        assertTrue(p.changes().stream().allMatch(c -> c.path("risk").asText().equals("safe")), p.cli::toString);
    }

    @Test
    void changingARaidLevelIsDestructiveAndBlocksTheMerge() {
        repo.commitFleet(raidLevel0(), "md1 as RAID 0");
        Planned p = planParent();
        assertEquals(3, p.exit, p.cli::toString);
        JsonNode c = p.expect(RAID, "replace", "destructive");
        assertFalse(c.path("approved").asBoolean());
        assertEquals("RAID level 5→0 re-creates md1 on store-01: all data on md1 is lost", c.path("reason").asText());
        // md1's ext4 is made again too (its stripe width follows the level): a second destructive change
        p.expect(DATA_FS, "replace", "destructive");
        assertEquals(2, p.json.path("summary").path("blocked").asInt(), p.cli::toString);
    }

    @Test
    void changingAVgpuProfileRestartsTheVm() {
        repo.commitFleet(edit(sample(), "vgpus: [ { gpu: gpu0, profile: A100-10C } ]", "vgpus: [ { gpu: gpu0, profile: A100-20C } ]")
                .replace("vgpuConfig: A100-10C", "vgpuConfig: A100-20C"), "bigger vGPU");
        Planned p = planParent();
        assertEquals(2, p.exit, p.cli::toString);
        JsonNode c = p.expect("host/gpu-01/vm/gpu-01-vm1/vgpu/0", "replace", "disruptive");
        assertEquals("vGPU profile A100-10C→A100-20C restarts VM gpu-01-vm1", c.path("reason").asText());
    }

    @Test
    void scalingMinersIsSafe() {
        repo.commitFleet(edit(sample(), "replicas: 2", "replicas: 3"), "more miners");
        Planned p = planParent();
        assertEquals(2, p.exit, p.cli::toString);
        JsonNode c = p.expect("k8s/prod/apps/v1/Deployment/mining/ore-miner", "update", "safe");
        assertEquals("ore-miner replicas 2→3", c.path("reason").asText());
        assertEquals(1, p.changes().size(), p.cli::toString);
    }

    @Test
    void removingAVmIsDestructive() {
        repo.commitFleet(withoutTheVm(), "drop gpu-01-vm1");
        Planned p = planParent();
        assertEquals(3, p.exit, p.cli::toString);
        JsonNode c = p.expect("host/gpu-01/vm/gpu-01-vm1", "delete", "destructive");
        assertEquals("VM gpu-01-vm1 on gpu-01 is shut down and undefined (its disks are deleted only by their own approved changes)", c.path("reason").asText());
        p.expect("host/gpu-01/vm/gpu-01-vm1/disk/0", "delete", "destructive");
    }

    @Test
    void addingAnAlertRuleIsSafe() {
        repo.commitFleet(edit(sample(), "  receivers:\n", """
                    - name: DiskAlmostFull
                      expr: node_filesystem_avail_bytes / node_filesystem_size_bytes < 0.1
                      for: 10m
                      severity: critical
                      summary: disk almost full
                  receivers:
                """), "alert on full disks");
        Planned p = planParent();
        assertEquals(2, p.exit, p.cli::toString);
        p.expect("prometheus/rule/fleetform-user/DiskAlmostFull", "create", "safe");
    }

    @Test
    void aDefaultReachingAHundredHostsIsOneChangeNamingThem() {
        String hundred = withGeneratedHosts(sample(), 98);
        repo.commitFleet(hundred, "98 more hosts: 100 in all");
        repo.commitFleet(edit(hundred, "vm.swappiness: \"1\"", "vm.swappiness: \"10\""), "swappiness 10");
        Planned p = planParent();
        assertEquals(2, p.exit, p.cli::toString);
        assertEquals(1, p.changes().size(), p.cli::toString);
        JsonNode c = p.expect("defaults/sysctl/vm.swappiness", "update", "safe");
        List<String> reaches = new ArrayList<>();
        c.path("reaches").forEach(h -> reaches.add(h.asText()));
        assertEquals(100, reaches.size(), reaches::toString);
        assertTrue(reaches.containsAll(List.of("gpu-01", "store-01", "node-001", "node-098")), reaches::toString);
    }

    @Test
    void aCommitThatDoesNotChangeTheFleetPlansNothing() {
        repo.write("NOTES.md", "not part of the fleet\n").commit("notes");
        Planned p = planParent();
        assertEquals(0, p.exit, p.cli::toString);
        assertEquals(0, p.changes().size(), p.cli::toString);
    }

    // --- approvals ---

    @Test
    void approvalsYamlInTheHeadApprovesTheRaidChange() {
        repo.write("approvals.yaml", """
                approvals:
                  - { address: host/store-01/raid/md1, reason: "md1 holds only scratch data", approver: alice }
                  - { address: host/store-01/filesystem/data, reason: "scratch data, made again on the new md1", approver: alice }
                """);
        repo.commitFleet(raidLevel0(), "md1 as RAID 0, approved");
        Planned p = planParent();
        assertEquals(2, p.exit, p.cli::toString);
        assertTrue(p.expect(RAID, "replace", "destructive").path("approved").asBoolean());
        assertEquals(0, p.json.path("summary").path("blocked").asInt());
    }

    @Test
    void approveOnTheCommandLineApprovesTheRaidChange() {
        repo.commitFleet(raidLevel0(), "md1 as RAID 0");
        Planned p = planParent("--approve", RAID, "--approve", DATA_FS);
        assertEquals(2, p.exit, p.cli::toString);
        assertTrue(p.expect(RAID, "replace", "destructive").path("approved").asBoolean());
    }

    @Test
    void anApprovalMatchingNoChangeIsAWarning() {
        repo.write("approvals.yaml", """
                approvals:
                  - { address: host/store-01/raid/md9, reason: "an old rebuild", approver: alice }
                """);
        repo.commitFleet(edit(sample(), "replicas: 2", "replicas: 3"), "more miners");
        Planned p = planParent();
        assertEquals(2, p.exit, p.cli::toString);
        assertEquals("approval for host/store-01/raid/md9 matches no change in this plan (stale approval?)",
                p.json.path("warnings").path(0).asText(), p.cli::toString);
    }

    @Test
    void anApprovalWithoutAReasonIsALocatedError() {
        repo.write("approvals.yaml", """
                approvals:
                  - address: host/store-01/raid/md1
                    approver: alice
                """);
        repo.commitFleet(raidLevel0(), "md1 as RAID 0, approval without a reason");
        Cli r = plan("--base", "HEAD~1", "--head", "HEAD", "--format", "json");
        assertEquals(1, r.exit(), r::toString);
        assertTrue(r.out().contains("approvals.yaml:2:5: error[APPROVAL-REQUIRED]: approval needs a non-empty reason"), r::toString);
        assertFalse(r.out().contains("resource_changes"), "no plan is printed: " + r);
    }

    // --- invalid revisions ---

    @Test
    void anInvalidHeadPrintsLocatedErrorsAndNoPlan() {
        repo.commitFleet(edit(sample(), "replicas: 2", "replicas: two"), "typo");
        Cli r = plan("--base", "HEAD~1", "--head", "HEAD", "--format", "json");
        assertEquals(1, r.exit(), r::toString);
        assertTrue(r.out().lines().anyMatch(l -> l.matches("fleet\\.yaml:95:\\d+: error\\[[A-Z-]+]: .*")), r::toString);
        assertFalse(r.out().contains("resource_changes"), "no plan is printed: " + r);
    }

    /** The hostile case: a broken commit between the last good one and a head that deletes a VM must not pass CI. */
    @Test
    void anInvalidBaseIsPlannedAgainstTheLastValidRevisionBeforeIt() throws IOException {
        RevCommit good = repoHead();
        repo.commitFleet(edit(sample(), "replicas: 2", "replicas: two"), "a broken commit");
        repo.commitFleet(withoutTheVm(), "the VM goes");
        Planned p = planParent();
        assertEquals(3, p.exit, "the VM's deletion still blocks the merge: " + p.cli);
        p.expect("host/gpu-01/vm/gpu-01-vm1", "delete", "destructive");
        String warning = p.json.path("warnings").path(0).asText();
        assertTrue(warning.matches("the base [0-9a-f]{7} is invalid \\(1 errors\\): planned against " + good.abbreviate(7).name()
                + ", the last valid revision before it"), warning);
    }

    @Test
    void anInvalidBaseWithNoValidRevisionBeforeItIsNoPlan() {
        try (FleetRepo broken = FleetRepo.init(tmp.resolve("broken"))) {
            broken.commitFleet(edit(sample(), "replicas: 2", "replicas: two"), "a broken first commit");
            broken.commitFleet(sample(), "fixed");
            Cli r = Cli.run("plan", "--repo", broken.repoArg(), "--base", "HEAD~1", "--head", "HEAD", "--format", "json");
            assertEquals(1, r.exit(), r::toString);
            assertEquals("", r.out(), "no plan: it could understate what the head changes");
            assertTrue(r.err().matches("(?s)fleetform plan: the base [0-9a-f]{7} is invalid \\(1 errors\\), and no revision before it has a valid "
                    + "fleet\\.yaml: a plan against it could hide what the head removes\n  hint: .*"), r::toString);
        }
    }

    @Test
    void aBaseWithoutTheFleetFileIsAnEmptyFleet() throws IOException {
        try (FleetRepo fresh = FleetRepo.init(tmp.resolve("fresh"))) {
            fresh.write("README.md", "fleet repo\n").commit("an empty repository");
            fresh.commitFleet(edit(sample(), "replicas: 2", "replicas: two"), "a broken first fleet");
            fresh.commitFleet(sample(), "fixed");
            Cli r = Cli.run("plan", "--repo", fresh.repoArg(), "--base", "HEAD~2", "--head", "HEAD", "--format", "json");
            assertEquals(2, r.exit(), r::toString);
            JsonNode json = JSON.readTree(r.out());
            assertTrue(json.path("warnings").path(0).asText().matches("fleet\\.yaml does not exist at the base [0-9a-f]{7}: planned from an empty fleet"),
                    json.path("warnings")::toString);
            json.path("resource_changes").forEach(c -> assertEquals("create", c.path("action").asText(), c::toString));

            Cli walked = Cli.run("plan", "--repo", fresh.repoArg(), "--base", "HEAD~1", "--head", "HEAD", "--format", "json");
            assertEquals(2, walked.exit(), walked::toString);
            assertTrue(JSON.readTree(walked.out()).path("warnings").path(0).asText().matches(
                    "the base [0-9a-f]{7} is invalid \\(1 errors\\); fleet\\.yaml does not exist before it \\(at [0-9a-f]{7}\\): planned from an empty fleet"),
                    walked::toString);
        }
    }

    @Test
    void aTemplateCommittedBesideTheFleetShowsAsTheVmChangesItMakes() throws IOException {
        String builtIn = Files.readString(Path.of(System.getProperty("fleetform.repoRoot", ".."), "templates/libvirt/domain.xml.ftlx"));
        repo.write("templates/libvirt/domain.xml.ftlx", builtIn.replace("<on_crash>restart</on_crash>", "<on_crash>destroy</on_crash>"));
        repo.commit("crashed VMs stay down");
        Planned p = planParent("--templates", "templates");
        assertEquals(2, p.exit, p.cli::toString);
        assertEquals(1, p.changes().size(), p.cli::toString);
        JsonNode c = p.expect("host/gpu-01/vm/gpu-01-vm1", "update", "disruptive");
        assertEquals("  <on_crash>destroy</on_crash>", c.path("change").path("fields").path(0).path("after").asText(), c::toString);
        assertEquals(0, planParent().changes().size(), "without --templates the built-in template is used on both sides");
    }

    // --- where the revisions come from ---

    @Test
    void worktreePlansUncommittedEdits() {
        repo.write("fleet.yaml", edit(sample(), "replicas: 2", "replicas: 4"));
        Planned p = planned(plan("--base", "HEAD", "--worktree", "--format", "json"));
        assertEquals(2, p.exit, p.cli::toString);
        assertEquals("ore-miner replicas 2→4", p.expect("k8s/prod/apps/v1/Deployment/mining/ore-miner", "update", "safe").path("reason").asText());
    }

    @Test
    void includesAreReadFromGitObjectsNotTheWorkingTree() throws IOException {
        String split = edit(sample(), "hosts:\n", "include: [hosts/*.yaml]\nhosts:\n");
        repo.write("hosts/storage.yaml", storageHosts(2));
        repo.commitFleet(split, "storage hosts in hosts/");
        repo.write("hosts/storage.yaml", storageHosts(3));
        repo.commit("store-13");
        // the working tree no longer has the include: only git objects can answer
        Files.delete(repo.dir().resolve("hosts/storage.yaml"));
        Planned p = planParent();
        assertEquals(2, p.exit, p.cli::toString);
        p.expect("host/store-13", "create", "safe");
        assertEquals(1, p.changes().stream().filter(c -> c.path("address").asText().matches("host/[^/]+")).count(), p.cli::toString);
    }

    @Test
    void theDefaultBaseIsWhereTheBranchLeftOriginMain() {
        RevCommit forkPoint = repoHead();
        repo.checkoutNewBranch("more-miners");
        repo.commitFleet(edit(sample(), "replicas: 2", "replicas: 3"), "more miners");
        // main moves on after the branch was made; its change must not show in the branch's plan
        repo.checkout("main");
        RevCommit mainLater = repo.commitFleet(edit(sample(), "timezone: UTC", "timezone: Europe/Berlin"), "main moves on");
        repo.setRef("refs/remotes/origin/main", mainLater);
        repo.checkout("more-miners");
        Planned p = planned(plan("--format", "json"));
        assertEquals(2, p.exit, p.cli::toString);
        assertEquals(1, p.changes().size(), p.cli::toString);
        p.expect("k8s/prod/apps/v1/Deployment/mining/ore-miner", "update", "safe");
        Cli md = plan("--format", "markdown");
        assertTrue(md.out().contains(forkPoint.abbreviate(7).name() + " → "), "the title names the fork point: " + md);
    }

    @Test
    void aShallowCloneWithoutTheBaseExitsFourAndSaysToFetch() throws Exception {
        repo.commitFleet(edit(sample(), "replicas: 2", "replicas: 3"), "more miners");
        Path clone = tmp.resolve("shallow");
        try (Git g = Git.cloneRepository().setURI(repo.dir().toUri().toString()).setDirectory(clone.toFile()).setDepth(1).call()) {
            assertTrue(Files.exists(clone.resolve(".git/shallow")), "the clone is shallow");
        }
        Cli r = Cli.run("plan", "--repo", clone.toString(), "--base", "HEAD~1", "--head", "HEAD", "--format", "json");
        assertEquals(4, r.exit(), r::toString);
        assertTrue(r.err().startsWith("fleetform plan: "), r::toString);
        assertTrue(r.err().contains("hint:") && r.err().contains("git fetch"), r::toString);
        assertEquals("", r.out());
    }

    // --- output ---

    @Test
    void markdownStartsWithTheStickyCommentMarker() {
        repo.commitFleet(raidLevel0(), "md1 as RAID 0");
        Cli r = plan("--base", "HEAD~1", "--head", "HEAD", "--format", "markdown");
        assertEquals(3, r.exit(), r::toString);
        assertTrue(r.out().startsWith("<!-- fleetform-plan -->"), r::toString);
        assertTrue(r.out().contains(RAID), r::toString);
    }

    @Test
    void anOutFileThatCannotBeWrittenExitsSeventyThreeNamingIt() throws IOException {
        repo.commitFleet(edit(sample(), "replicas: 2", "replicas: 3"), "more miners");
        Path notADirectory = Files.writeString(tmp.resolve("a-file"), "x");
        Path file = notADirectory.resolve("plan.md");
        Cli r = plan("--base", "HEAD~1", "--head", "HEAD", "--format", "markdown", "--out", file.toString());
        assertEquals(73, r.exit(), r::toString);
        assertTrue(r.err().startsWith("fleetform plan: cannot write " + file + ": "), r::toString);
        assertTrue(r.err().contains("\n  hint: "), r::toString);
    }

    @Test
    void outWritesThePlanAndPrintsOnlyTheSummary() throws IOException {
        repo.commitFleet(edit(sample(), "replicas: 2", "replicas: 3"), "more miners");
        Path file = tmp.resolve("plan.md");
        Cli r = plan("--base", "HEAD~1", "--head", "HEAD", "--format", "markdown", "--out", file.toString());
        assertEquals(2, r.exit(), r::toString);
        String written = Files.readString(file);
        assertTrue(written.startsWith("<!-- fleetform-plan -->") && written.contains("ore-miner replicas 2→3"), written);
        assertEquals(1, r.out().lines().count(), r::toString);
        assertTrue(r.out().strip().endsWith("Written to " + file + "."), r::toString);
        assertFalse(r.out().contains("<!--"), r::toString);
    }

    // --- helpers ---

    private RevCommit repoHead() {
        try (Git g = Git.open(repo.dir().toFile()); var walk = new org.eclipse.jgit.revwalk.RevWalk(g.getRepository())) {
            return walk.parseCommit(g.getRepository().resolve("HEAD"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private Cli plan(String... args) {
        List<String> all = new ArrayList<>(List.of("plan", "--repo", repo.repoArg()));
        all.addAll(List.of(args));
        return Cli.run(all.toArray(String[]::new));
    }

    /** HEAD planned against HEAD~1 as JSON. */
    private Planned planParent(String... extra) {
        List<String> args = new ArrayList<>(List.of("--base", "HEAD~1", "--head", "HEAD", "--format", "json"));
        args.addAll(List.of(extra));
        return planned(plan(args.toArray(String[]::new)));
    }

    private static Planned planned(Cli r) {
        try {
            return new Planned(r.exit(), JSON.readTree(r.out()), r);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + r, e);
        }
    }

    private record Planned(int exit, JsonNode json, Cli cli) {
        List<JsonNode> changes() {
            List<JsonNode> l = new ArrayList<>();
            json.path("resource_changes").forEach(l::add);
            return l;
        }

        JsonNode expect(String address, String action, String risk) {
            JsonNode c = changes().stream().filter(x -> x.path("address").asText().equals(address)).findFirst()
                    .orElseThrow(() -> new AssertionError("no change at " + address + " in " + cli));
            assertEquals(action, c.path("action").asText(), c::toString);
            assertEquals(risk, c.path("risk").asText(), c::toString);
            return c;
        }
    }

    private static String raidLevel0() {
        return edit(sample(), "level: 5, devices", "level: 0, devices");
    }

    /** The sample without gpu-01's VM (and the miners pool now selects the host itself). */
    private static String withoutTheVm() {
        return edit(sample(), """
                    vms:
                      - name: gpu-01-vm1
                        vcpus: 16
                        memoryGiB: 64
                        disks: [ { filesystem: vmstore, sizeGiB: 200 } ]
                        vgpus: [ { gpu: gpu0, profile: A100-10C } ]
                        network: { bridge: br0, address: 10.0.3.21 }
                        roles: [k8s-worker]
                """, "").replace("""
                      nodes: { roles: [k8s-worker], labels: { zone: az1 } }""", """
                      nodes: { names: [gpu-01] }""").replace("          gpuWorkload: vm-vgpu\n", "").replace("          vgpuConfig: A100-10C\n", "");
    }

    /** {@code n} plain hosts node-001.. appended to the hosts list. */
    private static String withGeneratedHosts(String fleet, int n) {
        StringBuilder hosts = new StringBuilder();
        IntStream.rangeClosed(1, n).forEach(i -> hosts.append(String.format("""
                  - name: node-%03d
                    address: 10.1.%d.%d
                    hostKey: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHCZe11hb02kUJD4Y+R/BIt3c0ZP+vYFddA+YT0i+NoQ"
                """, i, i / 200, i % 200 + 10)));
        return edit(fleet, "access:\n", hosts + "access:\n");
    }

    /** An include file with storage hosts store-11, store-12, ... */
    private static String storageHosts(int n) {
        StringBuilder s = new StringBuilder("hosts:\n");
        for (int i = 1; i <= n; i++) {
            s.append(String.format("""
                      - name: store-%d
                        address: 10.0.5.%d
                        hostKey: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHCZe11hb02kUJD4Y+R/BIt3c0ZP+vYFddA+YT0i+NoQ"
                        roles: [storage]
                    """, 10 + i, 10 + i));
        }
        return s.toString();
    }

    @Test
    void outIntoAMissingFolderIsAPlainError() {
        repo.commitFleet(edit(sample(), "replicas: 2", "replicas: 3"), "more miners");
        Path out = tmp.resolve("missing/plan.md");
        Cli r = Cli.run("plan", "--repo", repo.repoArg(), "--base", "HEAD~1", "--out", out.toString());
        assertEquals(73, r.exit(), r::toString);
        assertTrue(r.err().startsWith("fleetform plan: cannot write " + out + ": No such file or directory\n  hint: "), r.err());
    }
}
