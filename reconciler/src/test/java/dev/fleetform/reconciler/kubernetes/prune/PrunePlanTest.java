package dev.fleetform.reconciler.kubernetes.prune;

import dev.fleetform.changes.Address;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import dev.fleetform.reconciler.kubernetes.apiserver.ApiServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static dev.fleetform.reconciler.kubernetes.prune.Live.CLUSTER;
import static dev.fleetform.reconciler.kubernetes.prune.Live.FLEET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The prune rules on live objects as a server lists them; the LIST itself only in the last test. */
class PrunePlanTest {
    private ApiServer api;
    private KubernetesClient client;

    @BeforeEach
    void start() {
        api = ApiServer.start();
        client = api.client();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private int uids;

    /** An owned object as listed, with a uid of its own, and its inventory entry. */
    private <T extends HasMetadata> T live(String fixture, String namespace, String name) {
        T o = Live.owned(fixture, namespace, name);
        o.getMetadata().setUid("uid-" + name + "-" + uids++);
        return o;
    }

    private static Address.Kube address(HasMetadata o) {
        return PrunePlan.addressOf(CLUSTER, o);
    }

    private static Set<Address.Kube> declared(HasMetadata... objects) {
        Set<Address.Kube> s = new HashSet<>();
        for (HasMetadata o : objects) s.add(address(o));
        return s;
    }

    private static Inventory inventory(HasMetadata... objects) {
        Inventory inv = Inventory.empty();
        for (HasMetadata o : objects) inv = inv.with(InventoryEntry.of(o));
        return inv;
    }

    private static List<String> pruned(PrunePlan plan) {
        return plan.prunes().stream().map(p -> p.address().text()).toList();
    }

    @Test
    void anInventoriedObjectNoLongerDeclaredWithTheSameUidAndLabelsIsPruned() {
        HasMetadata ns = live("namespace", null, "mining");
        Deployment miner = live("deployment", "mining", "ore-miner");
        Deployment old = live("deployment", "mining", "old-miner");
        HasMetadata env = live("configmap", "mining", "ore-miner-env");

        PrunePlan plan = PrunePlan.of(CLUSTER, FLEET, inventory(ns, miner, old, env), declared(ns, miner, env),
                List.of(ns, miner, old, env), 0);

        assertEquals(List.of("k8s/prod/apps/v1/Deployment/mining/old-miner"), pruned(plan));
        PrunePlan.Prune p = plan.prunes().getFirst();
        assertFalse(p.destructive());
        assertEquals(InventoryEntry.of(old), p.entry());
        assertEquals("Deployment mining/old-miner is no longer declared in git: deleted", p.reason());
        assertTrue(plan.skipped().isEmpty());
        assertTrue(plan.guard().allows(), "1 of 4 is 25 %");
        assertEquals(plan.prunes(), plan.allowed());
    }

    @Test
    void anObjectThatMerelyCarriesCopiedLabelsIsNeverTouched() {
        Deployment miner = live("deployment", "mining", "ore-miner");
        Deployment copied = live("deployment", "mining", "someones-miner"); // kubectl-copied from ore-miner, labels and all

        PrunePlan plan = PrunePlan.of(CLUSTER, FLEET, inventory(miner), declared(miner), List.of(miner, copied), 0);

        assertTrue(plan.prunes().isEmpty());
        assertEquals(1, plan.skipped().size());
        PrunePlan.Skip s = plan.skipped().getFirst();
        assertEquals(Keep.NOT_IN_INVENTORY, s.why());
        assertEquals("k8s/prod/apps/v1/Deployment/mining/someones-miner", s.address().text());
        assertEquals("Deployment mining/someones-miner carries the fleet's labels but is not in its inventory "
                + "(Fleetform did not create it; copied labels?): never touched", s.reason());
    }

    @Test
    void anObjectMadeAgainUnderTheSameNameIsKept() {
        Deployment created = live("deployment", "mining", "old-miner");
        Deployment remade = live("deployment", "mining", "old-miner"); // same name, another uid

        PrunePlan plan = PrunePlan.of(CLUSTER, FLEET, inventory(created, live("configmap", "mining", "a"), live("configmap", "mining", "b"),
                live("configmap", "mining", "c")), Set.of(address(live("configmap", "mining", "a"))), List.of(remade), 0);

        assertTrue(plan.prunes().isEmpty());
        assertEquals(Keep.UID_DIFFERS, plan.skipped().getFirst().why());
        assertTrue(plan.skipped().getFirst().reason().contains("uid " + remade.getMetadata().getUid() + ", the inventory has "
                + created.getMetadata().getUid()), plan.skipped().getFirst().reason());
    }

    @Test
    void theStaleEntryOfAReplacedObjectCanBeForgottenButTheLiveOneIsNotOurs() {
        Deployment created = live("deployment", "mining", "old-miner");
        Deployment remade = live("deployment", "mining", "old-miner");
        Deployment miner = live("deployment", "mining", "ore-miner");
        Inventory inventory = inventory(created, miner);

        PrunePlan plan = PrunePlan.of(CLUSTER, FLEET, inventory, declared(miner), List.of(remade, miner), 0);

        assertEquals(List.of(InventoryEntry.of(created)), plan.stale());
        assertEquals(List.of(InventoryEntry.of(miner)), inventory.without(plan.stale()).entries());
    }

    @Test
    void anObjectAlreadyBeingDeletedIsNotDeletedAgain() {
        HasMetadata terminating = live("namespace", null, "old-mining");
        terminating.getMetadata().setDeletionTimestamp("2026-12-02T07:00:00Z");
        Deployment miner = live("deployment", "mining", "ore-miner");

        PrunePlan plan = PrunePlan.of(CLUSTER, FLEET, inventory(terminating, miner), declared(miner), List.of(terminating, miner), 0);

        assertTrue(plan.prunes().isEmpty());
        assertEquals(List.of(InventoryEntry.of(terminating)), plan.unlisted());
    }

    @Test
    void pruneDisabledIsKept() {
        Deployment keep = Live.annotated(live("deployment", "mining", "old-miner"), "fleetform.dev/prune", "disabled");
        Deployment miner = live("deployment", "mining", "ore-miner");

        PrunePlan plan = PrunePlan.of(CLUSTER, FLEET, inventory(keep, miner), declared(miner), List.of(keep, miner), 0);

        assertTrue(plan.prunes().isEmpty());
        assertEquals(Keep.PRUNE_DISABLED, plan.skipped().getFirst().why());
        assertEquals("Deployment mining/old-miner is annotated fleetform.dev/prune: disabled: left alone", plan.skipped().getFirst().reason());
    }

    @Test
    void anotherFleetsOrAHandMadeObjectIsNotOurs() {
        Deployment miner = live("deployment", "mining", "ore-miner");
        Deployment theirs = live("deployment", "mining", "their-miner");
        theirs.getMetadata().getLabels().put(FleetLabels.FLEET, "web3-staging");
        Deployment handMade = Live.fixture("deployment", "mining", "hand-made");

        PrunePlan plan = PrunePlan.of(CLUSTER, FLEET, inventory(miner, theirs, handMade),
                declared(miner), List.of(miner, theirs, handMade), 0);

        assertTrue(plan.prunes().isEmpty(), "neither carries web3-prod's labels: " + plan.prunes());
        assertTrue(plan.skipped().isEmpty());
    }

    @Test
    void aNamespaceIsADestructiveDeleteForTheEngineToApprove() {
        HasMetadata gone = live("namespace", null, "old-mining");
        Deployment miner = live("deployment", "mining", "ore-miner");
        HasMetadata mining = live("namespace", null, "mining");

        PrunePlan plan = PrunePlan.of(CLUSTER, FLEET, inventory(gone, miner, mining), declared(miner, mining), List.of(gone, miner, mining), 0);

        assertEquals(List.of("k8s/prod/v1/Namespace/-/old-mining"), pruned(plan));
        PrunePlan.Prune p = plan.prunes().getFirst();
        assertTrue(p.destructive());
        assertEquals("Namespace old-mining is no longer declared in git; deleting a Namespace deletes everything in it, "
                + "PersistentVolumeClaims and their data among them: needs an approval", p.reason());
    }

    @Test
    void aNamespaceThatDeclaredObjectsLiveInIsKept() {
        HasMetadata mining = live("namespace", null, "mining");
        Deployment miner = live("deployment", "mining", "ore-miner");

        PrunePlan plan = PrunePlan.of(CLUSTER, FLEET, inventory(mining, miner), declared(miner), List.of(mining, miner), 0);

        assertTrue(plan.prunes().isEmpty());
        assertEquals(Keep.NAMESPACE_IN_USE, plan.skipped().getFirst().why());
    }

    /** {@code total} inventoried Deployments of which the first {@code gone} are no longer declared. */
    private PrunePlan run(int total, int gone, int confirm) {
        List<HasMetadata> all = new ArrayList<>();
        for (int i = 0; i < total; i++) all.add(live("deployment", "mining", "miner-" + (100 + i)));
        Set<Address.Kube> declared = all.subList(gone, total).stream().map(PrunePlanTest::address).collect(Collectors.toSet());
        return PrunePlan.of(CLUSTER, FLEET, inventory(all.toArray(HasMetadata[]::new)), declared, all, confirm);
    }

    @Test
    void upToThirtyPercentOfTheInventoryIsDeletedWithoutAsking() {
        PrunePlan plan = run(10, 3, 0);
        assertEquals(3, plan.prunes().size());
        assertEquals(Guard.OK, plan.guard());
    }

    @Test
    void moreThanThirtyPercentDeletesNothingAndSaysWhy() {
        PrunePlan plan = run(30, 12, 0);
        Guard.Blocked blocked = assertInstanceOf(Guard.Blocked.class, plan.guard());
        assertEquals(12, blocked.deletions());
        assertEquals("would delete 12 of 30 inventoried objects in cluster prod (40 % > 30 %); nothing deleted. "
                + "Check the fleet, then run again with --confirm-prune 12", blocked.reason());
        assertEquals(12, plan.prunes().size(), "still listed, for the user to see");
        assertTrue(plan.allowed().isEmpty());
        assertEquals("33.3", PrunePlan.percent(10, 30));
    }

    @Test
    void confirmPruneWithTheRightCountLetsThemThroughAndAWrongCountDoesNot() {
        assertEquals(Guard.OK, run(30, 12, 12).guard());
        assertEquals(12, run(30, 12, 12).allowed().size());

        Guard.Blocked wrong = assertInstanceOf(Guard.Blocked.class, run(30, 12, 11).guard());
        assertEquals("--confirm-prune 11 is not this run's count: would delete 12 of 30 inventoried objects in cluster prod (40 % > 30 %); "
                + "nothing deleted. Check the fleet, then run again with --confirm-prune 12", wrong.reason());
        assertTrue(run(30, 12, 13).allowed().isEmpty());
    }

    @Test
    void aFleetThatDeclaresNothingForTheClusterDeletesNothingUntilConfirmed() {
        PrunePlan plan = run(2, 2, 0);
        Guard.Blocked blocked = assertInstanceOf(Guard.Blocked.class, plan.guard());
        assertEquals("the fleet declares nothing for cluster prod but 2 objects are inventoried: this run would delete 2 of them; nothing deleted. "
                + "Check that this is the fleet you mean (the right file, no cluster left out), then run again with --confirm-prune 2", blocked.reason());
        assertTrue(plan.allowed().isEmpty());
        assertEquals(Guard.OK, run(2, 2, 2).guard());
        assertInstanceOf(Guard.Blocked.class, run(2, 2, 1).guard());
    }

    @Test
    void declaringOtherClustersDoesNotCountAsDeclaringThisOne() {
        Deployment miner = live("deployment", "mining", "ore-miner");
        Set<Address.Kube> elsewhere = Set.of(new Address.Kube("staging", "apps/v1", "Deployment", "mining", "ore-miner"));
        PrunePlan plan = PrunePlan.of(CLUSTER, FLEET, inventory(miner), elsewhere, List.of(miner), 0);
        assertTrue(assertInstanceOf(Guard.Blocked.class, plan.guard()).reason().startsWith("the fleet declares nothing for cluster prod"));
    }

    @Test
    void theListIsFilteredAgainClientSideBecauseTheMockDropsSetBasedSelectors() {
        Deployment miner = Live.seed(api, Live.owned("deployment", "mining", "ore-miner"));
        Deployment takenOver = Live.seed(api, Live.owned("deployment", "mining", "taken-over"));
        Deployment keepMe = Live.seed(api, Live.owned("deployment", "mining", "keep-me"));
        Inventory inventory = inventory(miner, takenOver, keepMe, live("configmap", "mining", "a"), live("configmap", "mining", "b"),
                live("configmap", "mining", "c"), live("configmap", "mining", "d"));
        // someone took two over: removed the fleet label from one and changed it on the other
        client.apps().deployments().inNamespace("mining").withName("taken-over")
                .edit(d -> { d.getMetadata().getLabels().remove(FleetLabels.FLEET); return d; });
        client.apps().deployments().inNamespace("mining").withName("keep-me")
                .edit(d -> { d.getMetadata().getLabels().put(FleetLabels.FLEET, "another-fleet"); return d; });

        List<Deployment> listed = client.apps().deployments().inAnyNamespace()
                .withLabelIn(FleetLabels.FLEET, FLEET).withLabel(FleetLabels.MANAGED_BY, FleetLabels.MANAGED_BY_VALUE).list().getItems();
        assertEquals(3, listed.size(), "the mock ignored the set-based selector (a mock upgrade that honours it makes this test moot)");

        PrunePlan plan = PrunePlan.of(CLUSTER, FLEET, inventory, Set.of(), listed, 1);

        assertEquals(List.of("k8s/prod/apps/v1/Deployment/mining/ore-miner"), pruned(plan));
        assertEquals(plan.prunes(), plan.allowed(), "confirmed: the cluster is emptied on purpose");
        assertEquals(List.of("taken-over", "keep-me", "a", "b", "c", "d").stream().sorted().toList(),
                plan.unlisted().stream().map(InventoryEntry::name).sorted().toList());
    }
}
