package dev.fleetform.reconciler.engine;

import dev.fleetform.changes.Address;
import dev.fleetform.changes.Risk;
import dev.fleetform.compiler.work.Workers;
import dev.fleetform.reconciler.render.RunJson;
import dev.fleetform.reconciler.render.SavedPlans;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.fleetform.reconciler.engine.FakeProvider.deployment;
import static dev.fleetform.reconciler.engine.FakeProvider.namespace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the engine decides, over an in-memory family: selection, policy, saved plans, failing targets. */
class EngineTest {
    private final FakeProvider fake = new FakeProvider();

    private Engine engine() {
        return new Engine(List.of(fake), Workers.callerOnly(), Progress.NONE);
    }

    private static Map<String, Object> replicas(int n) {
        return Map.of("spec", Map.of("replicas", n));
    }

    @Test
    void aTargetInSyncHasNoChangesAndApplyWritesNothing() {
        fake.declare("prod", deployment("prod", "ore"), replicas(12));
        fake.live("prod", deployment("prod", "ore"), replicas(12));
        Drift d = engine().drift(Selection.everything());
        assertTrue(d.inSync());
        ApplyReport r = engine().apply(d, null);
        assertTrue(r.outcomes().isEmpty());
        assertTrue(fake.applied.isEmpty());
    }

    @Test
    void driftIsCorrectedAndTheNextDriftIsEmpty() {
        fake.declare("prod", deployment("prod", "ore"), replicas(12));
        fake.live("prod", deployment("prod", "ore"), replicas(3));
        Drift d = engine().drift(Selection.everything());
        assertEquals(1, d.plan().changes().size());
        assertEquals("spec.replicas", d.plan().changes().getFirst().fields().getFirst().path());
        ApplyReport r = engine().apply(d, null);
        assertInstanceOf(Outcome.Applied.class, r.outcomes().getFirst());
        assertFalse(r.failed());
        assertTrue(engine().drift(Selection.everything()).inSync());
    }

    @Test
    void aDestructiveChangeWaitsForAnApprovalOfItsExactAddress() {
        fake.live("prod", namespace("prod", "mining"), Map.of("metadata", Map.of("name", "mining")));
        fake.declare("prod", deployment("prod", "other"), replicas(1));
        fake.live("prod", deployment("prod", "other"), replicas(1));
        Drift d = engine().drift(Selection.everything());
        assertEquals(Risk.DESTRUCTIVE, d.plan().changes().getFirst().risk());
        ApplyReport r = engine().apply(d, null);
        assertInstanceOf(Outcome.Blocked.class, r.outcomes().getFirst());
        assertTrue(r.blocked());
        assertTrue(fake.live.get("prod").containsKey(namespace("prod", "mining")), "nothing deleted without approval");

        Drift approved = engine().drift(new Selection(List.of(), Set.of("k8s/prod/v1/Namespace/-/mining")));
        assertTrue(approved.plan().changes().getFirst().approved());
        ApplyReport done = engine().apply(approved, null);
        assertInstanceOf(Outcome.Applied.class, done.outcomes().getFirst());
        assertFalse(fake.live.get("prod").containsKey(namespace("prod", "mining")));
    }

    @Test
    void anApprovalOfAnotherAddressDoesNotCountAndIsReportedStale() {
        fake.live("prod", namespace("prod", "mining"), Map.of("metadata", Map.of("name", "mining")));
        Drift d = engine().drift(new Selection(List.of(), Set.of("k8s/prod/v1/Namespace/-/minin")));
        assertFalse(d.plan().changes().getFirst().approved());
        assertTrue(d.plan().warnings().getFirst().contains("k8s/prod/v1/Namespace/-/minin matches no change"));
    }

    @Test
    void targetPrefixesLimitTheClustersAndTheChanges() {
        fake.declare("prod", deployment("prod", "ore"), replicas(12));
        fake.declare("prod", deployment("prod", "ore-b"), replicas(2));
        fake.declare("staging", deployment("staging", "ore"), replicas(1));
        Drift d = engine().drift(new Selection(List.of("k8s/prod/apps/v1/Deployment/mining/ore"), Set.of()));
        assertEquals(List.of("k8s/prod"), d.targets().stream().map(t -> t.target().address()).toList());
        assertEquals(List.of("k8s/prod/apps/v1/Deployment/mining/ore"), d.plan().changes().stream().map(c -> c.address().text()).toList(),
                "segment by segment: ore-b is not below ore");
        assertEquals(List.of("k8s/staging"), engine().drift(new Selection(List.of("k8s/staging"), Set.of())).targets().stream()
                .map(t -> t.target().address()).toList());
    }

    @Test
    void anUnreachableClusterIsReportedAndTheOthersGoOn() {
        fake.declare("prod", deployment("prod", "ore"), replicas(12));
        fake.declare("edge", deployment("edge", "ore"), replicas(1));
        fake.unreachable.add("edge");
        Drift d = engine().drift(Selection.everything());
        assertEquals("k8s/edge", d.errors().getFirst().target().address());
        assertTrue(d.errors().getFirst().reason().contains("cannot reach"));
        ApplyReport r = engine().apply(d, null);
        assertTrue(r.failed(), "a target not observed fails the run");
        assertEquals(1, fake.applied.size(), "prod was still applied");
    }

    /** A NoExecute taint evicts the node's pods: a disruptive change of the Node. */
    private void taintedInGit(String... nodes) {
        for (String n : nodes) {
            fake.declare("prod", FakeProvider.node("prod", n), Map.of("spec", Map.of("taints",
                    List.of(Map.of("key", "dedicated", "value", "miners", "effect", "NoExecute")))));
            fake.live("prod", FakeProvider.node("prod", n), Map.of("spec", Map.of("taints", List.of())));
            fake.budgets.put(FakeProvider.node("prod", n), new Budget("k8s/prod/pool/cpu-miners", 2, "of mining/ore-miner"));
        }
    }

    @Test
    void disruptiveChangesOfABudgetedGroupGoInWavesOfItsMaxUnavailable() {
        taintedInGit("n1", "n2", "n3", "n4", "n5");
        fake.declare("prod", deployment("prod", "ore"), replicas(3)); // safe: in the first wave, beside the first nodes
        Drift d = engine().drift(Selection.everything());
        assertEquals(5, d.plan().changes().stream().filter(c -> c.risk() == Risk.DISRUPTIVE).count(), d.plan().changes()::toString);
        ApplyReport r = engine().apply(d, null);
        assertFalse(r.failed());
        assertEquals(List.of(List.of("n1", "n2", "ore"), List.of("n3", "n4"), List.of("n5")),
                fake.calls.stream().map(c -> c.stream().sorted().toList()).toList());
        assertTrue(engine().drift(Selection.everything()).inSync());
    }

    @Test
    void aWaveThatDoesNotApplyStopsItsGroupAndSaysWhy() {
        taintedInGit("n1", "n2", "n3", "n4", "n5");
        fake.declare("prod", deployment("prod", "ore"), replicas(3));
        fake.failing.add(FakeProvider.node("prod", "n2"));
        ApplyReport r = engine().apply(engine().drift(Selection.everything()), null);
        assertTrue(r.failed());
        assertEquals(1, fake.calls.size(), "no wave after the one that failed: " + fake.calls);
        Map<String, Outcome> by = new java.util.TreeMap<>();
        for (Outcome o : r.outcomes()) by.put(o.change().address().name(), o);
        assertInstanceOf(Outcome.Applied.class, by.get("n1"));
        assertInstanceOf(Outcome.Failed.class, by.get("n2"));
        assertInstanceOf(Outcome.Applied.class, by.get("ore"));
        for (String n : List.of("n3", "n4", "n5")) {
            Outcome.Blocked b = assertInstanceOf(Outcome.Blocked.class, by.get(n));
            assertEquals("budget k8s/prod/pool/cpu-miners (maxUnavailable 2, of mining/ore-miner): not started, "
                    + "k8s/prod/v1/Node/-/n2 did not apply in the wave before", b.why());
        }
        assertEquals(List.of("n2", "n3", "n4", "n5"), engine().drift(Selection.everything()).plan().changes().stream()
                .map(c -> c.address().name()).sorted().toList(), "the next run takes them up again");
    }

    @Test
    void maxFailStopsARolloutOnceMoreThanThatShareOfTargetsFailed() {
        for (String c : List.of("a", "b", "c", "d")) fake.declare(c, deployment(c, "ore"), replicas(1));
        fake.failing.add(deployment("a", "ore"));
        fake.failing.add(deployment("b", "ore"));
        Engine e = new Engine(List.of(fake), Workers.callerOnly(), Progress.NONE, 25, 1); // one at a time: the fleet's order
        ApplyReport r = e.apply(e.drift(Selection.everything()), null);
        Map<String, Outcome> by = new java.util.TreeMap<>();
        for (Outcome o : r.outcomes()) by.put(((Address.Kube) o.change().address()).cluster(), o);
        assertInstanceOf(Outcome.Failed.class, by.get("a"));
        assertInstanceOf(Outcome.Failed.class, by.get("b"), "1 of 4 failed is not more than 25 %: b still ran");
        for (String c : List.of("c", "d")) {
            Outcome.Blocked b = assertInstanceOf(Outcome.Blocked.class, by.get(c));
            assertEquals("rollout stopped: 2 of 4 targets failed, more than --max-fail 25%", b.why());
        }
        assertTrue(fake.applied.isEmpty(), "c and d were not touched");
        assertTrue(r.failed());
    }

    @Test
    void parallelBoundsHowManyTargetsAreAppliedAtOnce() {
        for (String c : List.of("a", "b", "c", "d", "e", "f")) fake.declare(c, deployment(c, "ore"), replicas(1));
        java.util.concurrent.atomic.AtomicInteger now = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
        Provider slow = new Provider() {
            @Override public String family() { return fake.family(); }
            @Override public List<Target> targets() { return fake.targets(); }
            @Override public dev.fleetform.changes.ResourceSet desired(Target t) { return fake.desired(t); }
            @Override public Observation observe(Target t) throws TargetUnavailable { return fake.observe(t); }
            @Override public List<Outcome> apply(Target t, Observation o, List<dev.fleetform.changes.ResourceChange> cs) {
                most.accumulateAndGet(now.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                now.decrementAndGet();
                return fake.apply(t, o, cs);
            }
        };
        Engine e = new Engine(List.of(slow), Workers.callerOnly(), Progress.NONE, 100, 2);
        ApplyReport r = e.apply(e.drift(Selection.everything()), null);
        assertFalse(r.failed());
        assertEquals(6, fake.applied.size());
        assertEquals(2, most.get(), "two at a time, never more, and not one by one");
    }

    @Test
    void oneFailingChangeDoesNotStopTheOthers() {
        fake.declare("prod", deployment("prod", "a"), replicas(1));
        fake.declare("prod", deployment("prod", "b"), replicas(1));
        fake.failing.add(deployment("prod", "a"));
        ApplyReport r = engine().apply(engine().drift(Selection.everything()), null);
        assertTrue(r.failed());
        assertEquals(List.of("k8s/prod/apps/v1/Deployment/mining/b"), fake.applied.stream().map(c -> c.address().text()).toList());
    }

    @Test
    void aSavedPlanAppliesExactlyItsChangesWhileTheLiveObjectIsWhatItSaw(@TempDir Path dir) throws Exception {
        fake.declare("prod", deployment("prod", "a"), replicas(4));
        fake.declare("prod", deployment("prod", "b"), replicas(4));
        fake.live("prod", deployment("prod", "a"), replicas(1));
        Path saved = dir.resolve("plan.json");
        Files.writeString(saved, RunJson.drift(engine().drift(new Selection(List.of("k8s/prod/apps/v1/Deployment/mining/a"), Set.of()))));

        // b appeared in drift since, and someone scaled a by hand after the plan was made
        fake.live("prod", deployment("prod", "a"), replicas(2));
        ApplyReport r = engine().apply(engine().drift(Selection.everything()), SavedPlans.read(saved));
        assertEquals(1, r.outcomes().size());
        Outcome.Refused refused = assertInstanceOf(Outcome.Refused.class, r.outcomes().getFirst());
        assertTrue(refused.why().contains("changed since the plan was made"), refused.why());
        assertEquals(1, r.runs().getFirst().notInPlan(), "b is not in the plan: left alone");
        assertTrue(fake.applied.isEmpty());

        // planned again, applied as planned
        Files.writeString(saved, RunJson.drift(engine().drift(new Selection(List.of("k8s/prod/apps/v1/Deployment/mining/a"), Set.of()))));
        ApplyReport again = engine().apply(engine().drift(Selection.everything()), SavedPlans.read(saved));
        assertInstanceOf(Outcome.Applied.class, again.outcomes().getFirst());
        assertEquals(List.of(deployment("prod", "a")), fake.applied.stream().map(c -> (Address) c.address()).toList());
    }

    @Test
    void aSavedPlanRefusesAChangeWhoseDesiredStateMovedInGit(@TempDir Path dir) throws Exception {
        fake.declare("prod", deployment("prod", "a"), replicas(4));
        Path saved = dir.resolve("plan.json");
        Files.writeString(saved, RunJson.drift(engine().drift(Selection.everything())));
        fake.declare("prod", deployment("prod", "a"), replicas(6));
        ApplyReport r = engine().apply(engine().drift(Selection.everything()), SavedPlans.read(saved));
        Outcome.Refused refused = assertInstanceOf(Outcome.Refused.class, r.outcomes().getFirst());
        assertTrue(refused.why().contains("git changed"), refused.why());
    }
}
