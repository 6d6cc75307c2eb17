package dev.fleetform.changes.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.fleetform.changes.FieldChange;
import dev.fleetform.changes.Plan;
import dev.fleetform.changes.ResourceChange;
import dev.fleetform.changes.Risk;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plan as JSON, the contract for tools (documented in the README, versioned by
 * {@code format_version}; fields are only ever added within a version). Shaped like Terraform's
 * {@code resource_changes}.
 */
public final class PlanJson {
    /** Pretty, keys in the order written: the order is part of the contract's readability. */
    private static final ObjectWriter JSON = new ObjectMapper().writerWithDefaultPrettyPrinter();

    private PlanJson() {
    }

    public static String render(Plan plan) {
        return write(document(plan));
    }

    /** Pretty JSON of a document built from {@link #document}, ending in a newline. */
    public static String write(Map<String, Object> document) {
        try {
            return JSON.writeValueAsString(document) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The plan as maps and lists in contract order, for documents that extend it (drift and apply add their own keys). */
    public static Map<String, Object> document(Plan plan) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format_version", plan.formatVersion());
        Map<String, Object> summary = new LinkedHashMap<>();
        for (Risk r : Risk.values()) summary.put(r.jsonName(), plan.count(r));
        summary.put("approved", plan.approvedCount());
        summary.put("blocked", plan.unapprovedDestructive().size());
        doc.put("summary", summary);
        List<Map<String, Object>> changes = new ArrayList<>();
        for (ResourceChange c : plan.changes()) changes.add(change(c));
        doc.put("resource_changes", changes);
        doc.put("warnings", plan.warnings());
        return doc;
    }

    private static Map<String, Object> change(ResourceChange c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("address", c.address().text());
        m.put("kind", c.kind().jsonName());
        m.put("action", c.action().jsonName());
        m.put("risk", c.risk().jsonName());
        m.put("reason", c.reason());
        m.put("approved", c.approved());
        if (!c.reaches().isEmpty()) m.put("reaches", c.reaches());
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("before", c.before());
        change.put("after", c.after());
        List<Map<String, Object>> fields = new ArrayList<>();
        for (FieldChange f : c.fields()) {
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("path", f.path());
            fm.put("before", f.before());
            fm.put("after", f.after());
            fields.add(fm);
        }
        change.put("fields", fields);
        m.put("change", change);
        return m;
    }
}
