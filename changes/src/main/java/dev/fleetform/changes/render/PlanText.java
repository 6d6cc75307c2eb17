package dev.fleetform.changes.render;

import dev.fleetform.changes.FieldChange;
import dev.fleetform.changes.Plan;
import dev.fleetform.changes.ResourceChange;
import dev.fleetform.changes.Risk;

import java.util.List;

/** The plan for a terminal: grouped by risk, destructive first, coloured when asked. */
public final class PlanText {
    /** Field lines shown per change; the JSON form has them all. */
    static final int MAX_FIELDS = 12;
    static final int MAX_REACHES = 8;

    private PlanText() {
    }

    public static String render(Plan plan, boolean color) {
        Style s = new Style(color);
        StringBuilder out = new StringBuilder();
        if (!plan.hasChanges()) {
            out.append("No changes: the fleet matches git.\n");
            warnings(plan, out, s);
            return out.toString();
        }
        for (Risk risk : List.of(Risk.DESTRUCTIVE, Risk.DISRUPTIVE, Risk.SAFE)) {
            List<ResourceChange> cs = plan.changes().stream().filter(c -> c.risk() == risk).toList();
            if (cs.isEmpty()) continue;
            out.append(s.risk(risk, heading(risk) + " (" + cs.size() + ")")).append('\n');
            for (ResourceChange c : cs) {
                out.append("  ").append(s.risk(risk, c.action().glyph())).append(' ').append(c.address().text());
                if (c.approved()) out.append(s.bold("  [approved]"));
                out.append('\n').append("      ").append(c.reason()).append('\n');
                if (!c.reaches().isEmpty()) out.append("      reaches ").append(Reaches.text(c.reaches(), MAX_REACHES)).append('\n');
                int shown = 0;
                for (FieldChange f : c.fields()) {
                    if (shown++ == MAX_FIELDS) {
                        out.append("      … ").append(c.fields().size() - MAX_FIELDS).append(" more fields (see --format json)\n");
                        break;
                    }
                    out.append("      ").append(f.path().isEmpty() ? "(value)" : f.path()).append(": ")
                            .append(Values.show(f.before())).append(" → ").append(Values.show(f.after())).append('\n');
                }
            }
            out.append('\n');
        }
        out.append(summary(plan)).append('\n');
        if (!plan.unapprovedDestructive().isEmpty()) {
            out.append(s.risk(Risk.DESTRUCTIVE, "Blocked: " + plan.unapprovedDestructive().size()
                    + " destructive change(s) need an approval (approvals.yaml or --approve ADDRESS).")).append('\n');
        }
        warnings(plan, out, s);
        return out.toString();
    }

    static String heading(Risk risk) {
        return switch (risk) {
            case DESTRUCTIVE -> "Destructive: data can be lost";
            case DISRUPTIVE -> "Disruptive: something restarts or remounts";
            case SAFE -> "Safe: in place";
        };
    }

    public static String summary(Plan plan) {
        return "Plan: " + plan.count(Risk.DESTRUCTIVE) + " destructive (" + plan.approvedCount() + " approved), "
                + plan.count(Risk.DISRUPTIVE) + " disruptive, " + plan.count(Risk.SAFE) + " safe.";
    }

    private static void warnings(Plan plan, StringBuilder out, Style s) {
        for (String w : plan.warnings()) out.append(s.bold("warning: ")).append(w).append('\n');
    }

    /** ANSI styling, or none. */
    record Style(boolean on) {
        String risk(Risk r, String text) {
            if (!on) return text;
            String code = switch (r) {
                case DESTRUCTIVE -> "31";
                case DISRUPTIVE -> "33";
                case SAFE -> "32";
            };
            return "\u001b[" + code + "m" + text + "\u001b[0m";
        }

        String bold(String text) {
            return on ? "\u001b[1m" + text + "\u001b[0m" : text;
        }
    }
}
