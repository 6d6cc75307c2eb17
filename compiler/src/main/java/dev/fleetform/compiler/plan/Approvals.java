package dev.fleetform.compiler.plan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fleetform.changes.Approval;
import dev.fleetform.compiler.diag.Diagnostics;
import dev.fleetform.compiler.diag.Origin;
import dev.fleetform.compiler.load.FleetLoader;
import dev.fleetform.compiler.load.FleetSource;
import dev.fleetform.compiler.load.FleetSourceException;
import dev.fleetform.compiler.load.LoadedDocument;
import dev.fleetform.compiler.load.SourceMap;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * {@code approvals.yaml} next to fleet.yaml: who approved which destructive change and why.
 * <pre>
 * approvals:
 *   - { address: host/st-01/raid/md0, reason: "rebuild as RAID5 after the disk upgrade", approver: alice }
 * </pre>
 * A missing file means no approvals. Mistakes are located errors, like fleet.yaml's. The
 * approvals themselves are the change model's ({@link Approval}).
 */
public final class Approvals {
    public static final String FILE = "approvals.yaml";
    static final List<String> KEYS = List.of("address", "reason", "approver");

    private Approvals() {
    }

    public static List<Approval> load(FleetSource source, Diagnostics out) {
        try {
            source.read(FILE, 1);
        } catch (FleetSourceException e) {
            if (e.problem() == FleetSourceException.Problem.MISSING) return List.of();
        }
        LoadedDocument doc = FleetLoader.load(source, FILE, out);
        if (doc.document() == null) return List.of();
        return parse(doc.document(), doc.sources(), out);
    }

    static List<Approval> parse(JsonNode root, SourceMap sources, Diagnostics out) {
        List<Approval> approvals = new ArrayList<>();
        Origin top = Origin.ROOT;
        if (!root.isObject()) {
            out.error("APPROVAL-SHAPE", sources.locate(top), "approvals.yaml must be a mapping with a list under approvals:",
                    "write approvals: [ { address: ..., reason: ..., approver: ... } ]");
            return approvals;
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!k.equals("approvals")) {
                out.error("APPROVAL-KEY", sources.locate(top.child(k)), "unknown key '" + k + "' in approvals.yaml", "the only key is approvals:");
            }
        }
        JsonNode list = root.get("approvals");
        if (list == null || list.isNull()) return approvals;
        if (!list.isArray()) {
            out.error("APPROVAL-SHAPE", sources.locate(top.child("approvals")), "approvals: must be a list", "write approvals: [ ... ]");
            return approvals;
        }
        for (int i = 0; i < list.size(); i++) {
            Origin at = top.child("approvals").child(i);
            JsonNode item = list.get(i);
            if (!item.isObject()) {
                out.error("APPROVAL-SHAPE", sources.locate(at), "an approval is a mapping of address, reason and approver", null);
                continue;
            }
            boolean ok = true;
            for (Iterator<String> it = item.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!KEYS.contains(k)) {
                    out.error("APPROVAL-KEY", sources.locate(at.child(k)), "unknown key '" + k + "' in an approval",
                            "an approval has address, reason and approver");
                    ok = false;
                }
            }
            for (String k : KEYS) {
                JsonNode v = item.get(k);
                if (v == null || !v.isTextual() || v.asText().isBlank()) {
                    out.error("APPROVAL-REQUIRED", sources.locate(at.child(k)), "approval needs a non-empty " + k,
                            k.equals("address") ? "copy the address from the plan, e.g. host/st-01/raid/md0"
                                    : "say " + (k.equals("reason") ? "why the data may be lost" : "who approved it"));
                    ok = false;
                }
            }
            if (ok) approvals.add(new Approval(item.get("address").asText(), item.get("reason").asText(), item.get("approver").asText()));
        }
        return approvals;
    }

    public static Set<String> addresses(List<Approval> approvals, List<String> extra) {
        return Approval.addresses(approvals, extra);
    }
}
