package dev.fleetform.reconciler.loop;

import dev.fleetform.compiler.work.Workers;
import dev.fleetform.reconciler.engine.Providers;
import dev.fleetform.reconciler.kubernetes.KubeFixture;
import dev.fleetform.reconciler.kubernetes.KubernetesProvider;
import dev.fleetform.reconciler.kubernetes.prune.InventoryEntry;
import dev.fleetform.reconciler.kubernetes.prune.InventoryStore;
import dev.fleetform.reconciler.loop.status.ChangeStatus;
import dev.fleetform.reconciler.loop.status.CommitInfo;
import dev.fleetform.reconciler.loop.status.LoopStatus;
import dev.fleetform.reconciler.loop.status.ResourceStatus;
import dev.fleetform.reconciler.loop.status.Result;
import dev.fleetform.reconciler.loop.status.RunError;
import dev.fleetform.reconciler.loop.status.RunStatus;
import dev.fleetform.reconciler.loop.status.TargetStatus;
import dev.fleetform.reconciler.loop.status.Trigger;
import dev.fleetform.reconciler.loop.status.Verdict;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The status page at {@code /} as a person sees it: served by the loop after real runs against
 * the test API server and read back by headless Chromium (its DOM and a screenshot in
 * target/), and a hostile status whose names and reasons carry markup, which shows as text.
 */
class StatusPageTest {
    static final Path OUT = Path.of("target", "status-page");

    @Test
    void theLoopServesTheFleetTreeWithSyncStatesAndTheBlockedChangesToABrowser() throws Exception {
        String chromium = Chromium.require();
        assertNotNull(chromium);
        try (KubeFixture kube = new KubeFixture().seedCluster(); FleetRepo repo = new FleetRepo()) {
            Providers providers = (v, ctx) -> List.of(new KubernetesProvider(v.fleet(), v.index(), ctx, kube.connections, KubeFixture.OPTIONS));
            LoopConfig config = new LoopConfig(GitRemote.of(repo.url()), "main", "fleet.yaml", Files.createTempDirectory("ff-page-cache"),
                    Duration.ofHours(1), 0, Duration.ofMinutes(5), CommitVerifier.NONE);
            try (ReconcileLoop loop = new ReconcileLoop(config, providers, Workers.callerOnly(), new LoopMetrics(), l -> { }, Clock.systemUTC());
                 LoopServer server = new LoopServer(new InetSocketAddress("127.0.0.1", 0), loop, null)) {
                RunStatus first = loop.runOnce(Trigger.STARTUP);
                assertEquals(Result.SUCCESS, first.result(), first.message());
                // git no longer declares many objects Fleetform made: the mass-prune guard blocks deleting them
                int n = InventoryStore.read(kube.client(), "ore-prod").size();
                for (int i = 0; i < n; i++) {
                    ConfigMap cm = kube.api.seed(new ConfigMapBuilder().withNewMetadata().withName("old-" + i).withNamespace("mining")
                            .addToLabels("app.kubernetes.io/managed-by", "fleetform").addToLabels("fleetform.dev/fleet", "ore-prod").endMetadata().build());
                    InventoryStore.update(kube.client(), "ore-prod", inv -> inv.with(InventoryEntry.of(cm)));
                }
                repo.edit("      replicas: 4\n", "      replicas: 5\n").commitAndPush("five priority miners");
                RunStatus blocked = loop.runOnce(Trigger.WEBHOOK);
                assertEquals(Result.BLOCKED, blocked.result(), blocked.message());
                String why = blocked.blocked().getFirst().message();
                assertTrue(why.contains("--confirm-prune " + n), why);

                server.start();
                String url = "http://127.0.0.1:" + server.address().getPort() + "/";
                HttpResponse<String> direct = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, direct.statusCode());
                assertTrue(direct.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
                assertFalse(direct.body().contains("<script") || direct.body().matches("(?s).*(src|href)=\"https?:.*"),
                        "no script, no external asset");
                assertEquals(404, HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "nothing")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode());

                Document dom = Jsoup.parse(Chromium.dumpDom(url));
                Chromium.screenshot(url, OUT.resolve("status-page.png"));
                Files.writeString(OUT.resolve("status-page.dom.html"), dom.outerHtml());

                String text = dom.body().text();
                assertEquals(null, dom.getElementById("standby"), "a loop without --leader-elect is never standby");
                assertTrue(text.contains("Fleetform reconcile") && text.contains("branch main"), text);
                assertTrue(text.contains("Ready: last applied commit " + loop.status().lastApplied().shortSha()), text);
                // the fleet tree: the cluster, its objects by kind, each with its state
                Element fleet = dom.getElementById("fleet");
                assertTrue(fleet.text().contains("Clusters") && fleet.text().contains("k8s/prod drifted"), fleet.text());
                assertEquals("corrected", sync(fleet, "mining/" + ReconcileLoopTest.PRIORITY));
                assertEquals("in-sync", sync(fleet, "mining/ore-miner"));
                assertEquals("blocked", sync(fleet, "mining/old-0"));
                assertTrue(fleet.text().contains("Nodes (pool labels and taints)"), fleet.text());
                // the blocked changes with the reason they wait
                Element table = dom.getElementById("blocked");
                assertTrue(table.text().contains("Blocked changes awaiting approval (" + n + ")"), table.text());
                Element row = table.select("tr.blocked-change").stream().filter(r -> r.text().contains("k8s/prod/v1/ConfigMap/mining/old-0"))
                        .findFirst().orElseThrow(() -> new AssertionError(table.text()));
                assertTrue(row.text().contains("delete") && row.text().contains(why), row.text());
                // the last commits and runs
                assertTrue(dom.getElementById("commits").text().contains("five priority miners"), dom.getElementById("commits").text());
                assertTrue(dom.getElementById("commits").text().contains("the example fleet"));
                String runs = dom.getElementById("runs").text();
                assertTrue(runs.contains("webhook") && runs.contains("blocked") && runs.contains("startup") && runs.contains("success"), runs);
            }
        }
    }

    private static String sync(Element fleet, String name) {
        for (Element li : fleet.select("li.resource")) {
            if (li.selectFirst(".mono").text().equals(name)) return li.selectFirst(".badge").text();
        }
        throw new AssertionError("no resource " + name + " in " + fleet.text());
    }

    @Test
    void markupInNamesAndReasonsIsShownAsTextAndNeverRuns() throws Exception {
        String evil = "<script>document.title='pwned'</script><img src=x onerror=alert(1)>";
        String vmName = "<img src=x onerror=\"document.title='pwned'\">"; // an address part: no '/'
        String quote = "needs \"approval\" for <b>host/gx-01</b>";
        Instant t = Instant.parse("2026-12-02T12:00:00Z");
        CommitInfo commit = new CommitInfo("0123456789abcdef", "Mallory <m@x>", "subject " + evil, t, Verdict.APPLIED, "", null);
        TargetStatus host = new TargetStatus("host/gx-01", "host", TargetStatus.State.DRIFTED, 1, null, null, List.of(
                new ResourceStatus("host/gx-01", "host", ResourceStatus.Sync.IN_SYNC),
                new ResourceStatus("host/gx-01/raid/md0", "raid", ResourceStatus.Sync.IN_SYNC),
                new ResourceStatus("host/gx-01/vm/" + vmName, "vm", ResourceStatus.Sync.BLOCKED),
                new ResourceStatus("host/gx-01/vm/" + vmName + "/disk/0", "vm-disk", ResourceStatus.Sync.DRIFTED)));
        TargetStatus down = new TargetStatus("host/st-01", "host", TargetStatus.State.UNAVAILABLE, 0, "ssh: " + quote, "check \"it\"", List.of());
        ChangeStatus change = new ChangeStatus("host/gx-01/vm/" + vmName, "vm", "replace", "destructive", "recreate " + evil, false,
                ChangeStatus.Outcome.BLOCKED, quote);
        RunStatus run = new RunStatus(2, Trigger.INTERVAL, t, t.plusSeconds(3), 3.0, Result.BLOCKED, commit, commit, "msg " + evil,
                List.of(host, down), List.of(change), List.of(change), List.of(new RunError(RunError.Step.OBSERVE, "host/st-01", quote, evil, null, null)),
                List.of("warn " + evil));
        LoopStatus status = new LoopStatus("1", new LoopStatus.Source("https://git/" + evil, "main\"", "fleet.yaml"), t, true, false,
                commit, run, List.of(run.brief()), List.of(commit));

        String html = StatusPage.render(status);
        assertFalse(html.contains("<script>document") || html.contains("<img src=x") || html.contains("<b>host"), html);
        assertTrue(html.contains("&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;"), html);
        assertTrue(html.contains("needs &quot;approval&quot; for &lt;b&gt;host/gx-01&lt;/b&gt;"), html);

        Files.createDirectories(OUT);
        Path file = OUT.resolve("hostile.html");
        Files.writeString(file, html);
        Chromium.require();
        Document dom = Jsoup.parse(Chromium.dumpDom(file.toUri().toString()));
        // had the script run, the title would be "pwned"; it is the markup, as text
        assertEquals("Fleetform reconcile: main\" of https://git/" + evil, dom.title());
        assertTrue(dom.select("script, img").isEmpty(), "nothing from the status became an element");
        Element vm = new ArrayList<>(dom.select("#fleet details summary")).stream().filter(s -> s.text().startsWith("VM <img"))
                .findFirst().orElseThrow(() -> new AssertionError(dom.getElementById("fleet").text()));
        assertTrue(vm.text().contains(vmName), vm.text());
        Element blocked = dom.selectFirst("tr.blocked-change");
        assertTrue(blocked.text().contains(quote) && blocked.text().contains("recreate " + evil), blocked.text());
        assertTrue(dom.getElementById("fleet").text().contains("Hosts") && dom.getElementById("fleet").text().contains("raid"));
        assertTrue(dom.getElementById("fleet").text().contains("host/st-01 unavailable") && dom.getElementById("fleet").text().contains("ssh: " + quote));
    }
}
