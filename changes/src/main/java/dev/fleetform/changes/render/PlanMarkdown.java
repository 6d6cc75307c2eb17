package dev.fleetform.changes.render;

import dev.fleetform.changes.Plan;
import dev.fleetform.changes.ResourceChange;
import dev.fleetform.changes.ResourceKind;
import dev.fleetform.changes.Risk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plan as a pull-request comment: a marker line (the CI workflow finds and updates its one
 * comment by it), a warning banner when anything destructive is unapproved, a summary table, a
 * collapsible section per area, and the compiled-file diff. Always under GitHub's comment limit:
 * details are cut first, never the banner or the summary.
 */
public final class PlanMarkdown {
    public static final String MARKER = "<!-- fleetform-plan -->";
    /** GitHub's limit on an issue or pull-request comment body. */
    public static final int LIMIT = 65_536;
    /** Room kept for the truncation note and closing tags. */
    static final int RESERVE = 600;

    private PlanMarkdown() {
    }

    public static String render(Plan plan, String title, String artefactDiff) {
        StringBuilder head = new StringBuilder();
        head.append(MARKER).append('\n').append("### Fleetform plan").append(title == null ? "" : ": " + escape(title)).append("\n\n");
        if (!plan.hasChanges()) {
            head.append("No changes: merging this leaves the fleet as it is.\n");
            warnings(plan, head);
            return head.toString();
        }
        List<ResourceChange> blocked = plan.unapprovedDestructive();
        if (!blocked.isEmpty()) {
            head.append("> [!CAUTION]\n> **").append(blocked.size()).append(blocked.size() == 1 ? " destructive change" : " destructive changes")
                    .append(" can lose data and need an approval** (an entry in `approvals.yaml`, or `--approve ADDRESS`):\n");
            for (int i = 0; i < blocked.size() && i < 10; i++) {
                head.append("> - `").append(blocked.get(i).address().text()).append("`: ").append(escape(blocked.get(i).reason())).append('\n');
            }
            if (blocked.size() > 10) head.append("> - … and ").append(blocked.size() - 10).append(" more\n");
            head.append('\n');
        }
        head.append("| risk | changes | approved |\n|---|---:|---:|\n");
        head.append("| **destructive** | ").append(plan.count(Risk.DESTRUCTIVE)).append(" | ").append(plan.approvedCount()).append(" |\n");
        head.append("| disruptive | ").append(plan.count(Risk.DISRUPTIVE)).append(" | |\n");
        head.append("| safe | ").append(plan.count(Risk.SAFE)).append(" | |\n\n");
        warnings(plan, head);

        StringBuilder body = new StringBuilder();
        int budget = LIMIT - RESERVE - head.length();
        int shown = 0;
        boolean cut = false;
        for (Map.Entry<String, List<ResourceChange>> area : areas(plan).entrySet()) {
            String open = "<details><summary><b>" + area.getKey() + "</b> (" + area.getValue().size() + ")</summary>\n\n"
                    + "| | address | risk | what happens |\n|---|---|---|---|\n";
            String close = "\n</details>\n\n";
            if (body.length() + open.length() + close.length() > budget) {
                cut = true;
                break;
            }
            body.append(open);
            for (ResourceChange c : area.getValue()) {
                String row = row(c);
                if (body.length() + row.length() + close.length() > budget) {
                    cut = true;
                    break;
                }
                body.append(row);
                shown++;
            }
            body.append(close);
            if (cut) break;
        }
        if (artefactDiff != null && !artefactDiff.isEmpty() && !cut) {
            String block = "<details><summary><b>Compiled files</b> (diff)</summary>\n\n```diff\n" + artefactDiff
                    + (artefactDiff.endsWith("\n") ? "" : "\n") + "```\n\n</details>\n";
            if (body.length() + block.length() <= budget) body.append(block);
            else body.append("_The diff of compiled files is too long for a comment; run `fleetform plan --artefacts` or see the job log._\n");
        }
        if (cut) {
            body.append("\n_… ").append(plan.changes().size() - shown)
                    .append(" more changes not shown: a comment is limited to 65,536 characters. The job log and `plan.json` have the whole plan._\n");
        }
        return head.append(body).toString();
    }

    private static String row(ResourceChange c) {
        String reason = escape(c.reason());
        if (!c.reaches().isEmpty()) reason += " — reaches " + escape(Reaches.text(c.reaches(), 8));
        return "| `" + c.action().glyph() + "` | `" + c.address().text() + "` | " + (c.risk() == Risk.DESTRUCTIVE ? "**destructive**" : c.risk().jsonName())
                + (c.approved() ? " (approved)" : "") + " | " + reason + " |\n";
    }

    /** Changes by area in a fixed order; within an area, the plan's order (risk, then address). */
    static Map<String, List<ResourceChange>> areas(Plan plan) {
        Map<String, List<ResourceChange>> m = new LinkedHashMap<>();
        for (ResourceKind.Area a : ResourceKind.Area.values()) m.put(a.title(), new ArrayList<>());
        for (ResourceChange c : plan.changes()) m.get(c.kind().area().title()).add(c);
        m.values().removeIf(List::isEmpty);
        return m;
    }

    private static void warnings(Plan plan, StringBuilder out) {
        for (String w : plan.warnings()) out.append("> [!WARNING]\n> ").append(escape(w)).append("\n\n");
    }

    /** Table-cell safe: no pipes, no newlines, no raw HTML. */
    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|").replace("\n", " ");
    }
}
