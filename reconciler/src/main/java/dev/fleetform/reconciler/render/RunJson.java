package dev.fleetform.reconciler.render;

import dev.fleetform.changes.Plan;
import dev.fleetform.changes.ResourceChange;
import dev.fleetform.changes.render.PlanJson;
import dev.fleetform.reconciler.engine.ApplyReport;
import dev.fleetform.reconciler.engine.Drift;
import dev.fleetform.reconciler.engine.Outcome;
import dev.fleetform.reconciler.engine.TargetError;
import dev.fleetform.reconciler.engine.TargetPlan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Drift and apply as JSON: the plan's document ({@code format_version}, {@code summary},
 * {@code resource_changes}, {@code warnings}), each change with the {@code live_version} it was
 * planned against, plus {@code targets} and {@code errors}; apply adds {@code outcomes}. A drift
 * document saved with {@code --out} is what {@code apply --plan} reads ({@link SavedPlans}).
 */
public final class RunJson {
    private RunJson() {
    }

    public static String drift(Drift drift) {
        return PlanJson.write(document(drift));
    }

    public static String apply(ApplyReport report) {
        Map<String, Object> doc = document(report.drift());
        List<Map<String, Object>> outcomes = new ArrayList<>();
        for (Outcome o : report.outcomes()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("address", o.change().address().text());
            m.put("action", o.change().action().jsonName());
            m.put("outcome", name(o));
            m.put("message", message(o));
            outcomes.add(m);
        }
        doc.put("outcomes", outcomes);
        return PlanJson.write(doc);
    }

    private static Map<String, Object> document(Drift drift) {
        Plan plan = drift.plan();
        Map<String, Object> doc = PlanJson.document(plan);
        Map<String, String> versions = new HashMap<>();
        for (TargetPlan tp : drift.targets()) {
            for (ResourceChange c : tp.plan().changes()) versions.put(c.address().text(), tp.observation().version(c.address()));
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> changes = (List<Map<String, Object>>) doc.get("resource_changes");
        for (Map<String, Object> c : changes) c.put("live_version", versions.get((String) c.get("address")));
        List<Map<String, Object>> targets = new ArrayList<>();
        for (TargetPlan tp : drift.targets()) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("target", tp.target().address());
            t.put("status", tp.plan().hasChanges() ? "drift" : "in-sync");
            t.put("changes", tp.plan().changes().size());
            targets.add(t);
        }
        List<Map<String, Object>> errors = new ArrayList<>();
        for (TargetError e : drift.errors()) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("target", e.target().address());
            t.put("status", "unavailable");
            targets.add(t);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("target", e.target().address());
            m.put("reason", e.reason());
            m.put("hint", e.hint());
            errors.add(m);
        }
        doc.put("targets", targets);
        doc.put("errors", errors);
        return doc;
    }

    static String name(Outcome o) {
        return switch (o) {
            case Outcome.Applied a -> "applied";
            case Outcome.Blocked b -> "blocked";
            case Outcome.Refused r -> "refused";
            case Outcome.Failed f -> "failed";
        };
    }

    static String message(Outcome o) {
        return switch (o) {
            case Outcome.Applied a -> a.note();
            case Outcome.Blocked b -> b.why();
            case Outcome.Refused r -> r.why();
            case Outcome.Failed f -> f.reason();
        };
    }
}
