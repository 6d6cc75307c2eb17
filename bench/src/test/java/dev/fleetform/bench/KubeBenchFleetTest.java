package dev.fleetform.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fleetform.compiler.Validation;
import dev.fleetform.compiler.Validator;
import dev.fleetform.compiler.emit.EmitContext;
import dev.fleetform.compiler.emit.Templates;
import dev.fleetform.compiler.model.Cluster;
import dev.fleetform.compiler.work.Workers;
import dev.fleetform.reconciler.engine.ApplyReport;
import dev.fleetform.reconciler.engine.Drift;
import dev.fleetform.reconciler.engine.Engine;
import dev.fleetform.reconciler.engine.Outcome;
import dev.fleetform.reconciler.engine.Progress;
import dev.fleetform.reconciler.engine.Selection;
import dev.fleetform.reconciler.kubernetes.Connections;
import dev.fleetform.reconciler.kubernetes.KubernetesProvider;
import dev.fleetform.reconciler.kubernetes.apiserver.ApiServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet bench/kube.sh applies (its defaults: 1,000 hosts, 480 miners) is valid, compiles to
 * about 2,000 Kubernetes objects, and one apply from empty against the test API server converges:
 * the drift after it is empty, observed with one LIST per kind, and a second apply writes nothing.
 */
class KubeBenchFleetTest {
    private static final int HOSTS = 1000;
    private static final int MINERS = 480;

    @TempDir
    Path tmp;

    @Test
    void theTwoThousandObjectFleetValidatesAndConvergesInOneApply() throws IOException {
        GenerateFleet.generate(new GenerateFleet.Options(HOSTS, tmp, 0, 1, MINERS));
        Validation v = Validator.validate(tmp.resolve("fleet.yaml"));
        String found = v.diagnostics().stream().map(d -> d.location() + ": " + d.ruleId() + ": " + d.message())
                .collect(Collectors.joining("\n"));
        assertEquals("", found, "the kube bench fleet must validate without errors or warnings");
        assertEquals(MINERS, v.fleet().miners().size());
        Cluster cluster = v.fleet().clusters().getFirst();
        assertEquals(1, v.fleet().clusters().size());

        ClusterSeed.Seed seed = ClusterSeed.of(v, cluster);
        assertTrue(seed.desired() >= 1_900 && seed.desired() <= 2_100, "about 2,000 objects: " + seed.desired());
        MockCluster.quiet();
        try (ApiServer api = ApiServer.start()) {
            MockCluster.seed(api, seed.objects());

            ApplyReport applied = engine(v, api).apply(engine(v, api).drift(Selection.everything()), null);
            List<Outcome> outcomes = applied.outcomes();
            assertEquals(seed.desired(), outcomes.size(), "every object is created or, a Node, patched");
            List<Outcome> notApplied = outcomes.stream().filter(o -> !(o instanceof Outcome.Applied)).toList();
            assertEquals(List.of(), notApplied);

            api.resetRequests();
            Engine second = engine(v, api); // a new run, as a new fleetform process is
            Drift drift = second.drift(Selection.everything());
            assertTrue(drift.errors().isEmpty(), drift.errors().toString());
            assertTrue(drift.inSync(), "no drift right after apply: " + drift.plan().changes().stream().limit(5).toList());
            assertEquals(List.of(), second.apply(drift, null).outcomes());
            RequestCounts counts = RequestCounts.of(api.requests());
            assertEquals(0, counts.writes(), "a no-change run writes nothing: " + counts.line());
            assertEquals(1, counts.gets(), "a no-change run reads by LIST and GETs only the inventory, never a GET per object: " + counts.line());
            assertEquals(6, counts.lists(), "one LIST per kind: " + counts.line());
        }
    }

    private static Engine engine(Validation v, ApiServer api) {
        KubernetesProvider provider = new KubernetesProvider(v.fleet(), v.index(), new EmitContext(Templates.builtIn()),
                Connections.of(Map.of(v.fleet().clusters().getFirst().name(), api.client())), KubernetesProvider.Options.defaults());
        return new Engine(List.of(provider), Workers.callerOnly(), Progress.NONE);
    }
}
