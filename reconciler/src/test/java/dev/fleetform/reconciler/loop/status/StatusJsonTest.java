package dev.fleetform.reconciler.loop.status;

import org.everit.json.schema.Schema;
import org.everit.json.schema.ValidationException;
import org.everit.json.schema.loader.SchemaLoader;
import org.json.JSONObject;
import org.json.JSONTokener;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The status document in its JSON form agrees with its schema, and the schema is strict enough to catch a wrong one. */
class StatusJsonTest {
    static Schema schema() {
        return SchemaLoader.builder().schemaJson(new JSONObject(new JSONTokener(StatusJson.schema()))).draftV7Support().build()
                .load().build();
    }

    static LoopStatus sample() {
        Instant t = Instant.parse("2026-12-02T12:00:00Z");
        CommitInfo good = new CommitInfo("0123456789abcdef0123456789abcdef01234567", "alice", "raise replicas", t, Verdict.APPLIED, "", null);
        CommitInfo bad = new CommitInfo("89abcdef0123456789abcdef0123456789abcdef", "bob", "typo", t, Verdict.INVALID,
                "fleet.yaml:3:5: error[SCHEMA-TYPE]: ...", null);
        ChangeStatus blocked = new ChangeStatus("host/st-01/raid/md0", "raid", "replace", "destructive", "re-create md0", false,
                ChangeStatus.Outcome.BLOCKED, "destructive: apply it with --approve host/st-01/raid/md0 or an entry in approvals.yaml");
        ChangeStatus applied = new ChangeStatus("k8s/prod/apps/v1/Deployment/mining/ore", "k8s", "update", "disruptive", "rollout", false,
                ChangeStatus.Outcome.APPLIED, "");
        TargetStatus k8s = new TargetStatus("k8s/prod", "k8s", TargetStatus.State.CORRECTED, 1, null, null,
                List.of(new ResourceStatus("k8s/prod/apps/v1/Deployment/mining/ore", "k8s", ResourceStatus.Sync.CORRECTED),
                        new ResourceStatus("k8s/prod/v1/Namespace/mining", "k8s", ResourceStatus.Sync.IN_SYNC)));
        TargetStatus host = new TargetStatus("host/gpu-02", "host", TargetStatus.State.UNAVAILABLE, 0, "connection refused", "check sshd", List.of());
        RunStatus run = new RunStatus(2, Trigger.WEBHOOK, t, t.plusSeconds(3), 3.2, Result.REJECTED, bad, good,
                "commit 89abcde is invalid (1 error); kept 0123456", List.of(k8s, host), List.of(blocked, applied), List.of(blocked),
                List.of(new RunError(RunError.Step.VALIDATE, null, "expected a number", "write 3", "fleet.yaml:3:5", "SCHEMA-TYPE")),
                List.of("approval for x matches no change"));
        return new LoopStatus(LoopStatus.FORMAT_VERSION, new LoopStatus.Source("https://git.example/fleet.git", "main", "fleet.yaml"),
                t, true, false, good, run, List.of(run.brief()), List.of(bad, good));
    }

    @Test
    void aFullStatusMatchesTheSchema() {
        String json = StatusJson.write(sample());
        schema().validate(new JSONObject(json));
        JSONObject doc = new JSONObject(json);
        assertEquals("rejected", doc.getJSONObject("last_run").getString("result"));
        assertEquals("2026-12-02T12:00:00Z", doc.getString("started_at"));
        assertEquals("unavailable", doc.getJSONObject("last_run").getJSONArray("targets").getJSONObject(1).getString("state"));
        assertEquals(0, doc.getJSONArray("recent_runs").getJSONObject(0).getJSONArray("targets").getJSONObject(0)
                .getJSONArray("resources").length(), "recent runs are brief");
    }

    @Test
    void anEmptyLoopMatchesTheSchema() {
        LoopStatus s = new LoopStatus(LoopStatus.FORMAT_VERSION, new LoopStatus.Source("/srv/fleet.git", "main", "fleet.yaml"),
                Instant.parse("2026-12-02T12:00:00.5Z"), false, true, null, null, List.of(), List.of());
        String json = StatusJson.write(s);
        schema().validate(new JSONObject(json));
        assertTrue(new JSONObject(json).isNull("last_run"));
    }

    @Test
    void theSchemaRefusesAnUnknownResult() {
        JSONObject doc = new JSONObject(StatusJson.write(sample()));
        doc.getJSONObject("last_run").put("result", "ok");
        assertThrows(ValidationException.class, () -> schema().validate(doc));
        JSONObject extra = new JSONObject(StatusJson.write(sample()));
        extra.put("surprise", 1);
        assertThrows(ValidationException.class, () -> schema().validate(extra));
    }
}
