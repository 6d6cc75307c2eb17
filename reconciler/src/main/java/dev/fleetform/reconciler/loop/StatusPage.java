package dev.fleetform.reconciler.loop;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.fleetform.changes.Address;
import dev.fleetform.compiler.emit.Templates;
import dev.fleetform.reconciler.loop.status.ChangeStatus;
import dev.fleetform.reconciler.loop.status.CommitInfo;
import dev.fleetform.reconciler.loop.status.LoopStatus;
import dev.fleetform.reconciler.loop.status.ResourceStatus;
import dev.fleetform.reconciler.loop.status.RunError;
import dev.fleetform.reconciler.loop.status.RunStatus;
import dev.fleetform.reconciler.loop.status.TargetStatus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The status page at {@code /}: {@link LoopStatus} rendered on the server as one HTML page (inline
 * CSS, no script), from the built-in template {@code loop/status.html.ftlh}; FreeMarker's HTML
 * output format escapes every value. This class only shapes the status into the fleet tree the
 * template walks: clusters with their objects by kind (a pool is its Nodes' labels and taints),
 * hosts with what is on them and their VMs.
 */
public final class StatusPage {
    static final String TEMPLATE = "loop/status.html.ftlh";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    // built-in only: a fleet repository's templates/ must not be able to replace the operator's page
    private static final Templates TEMPLATES = Templates.builtIn();

    private StatusPage() {
    }

    /** @param standby whether this replica waits for the leader lease (its status then has no runs of its own) */
    public static HttpHandler handler(Supplier<LoopStatus> status, java.util.function.BooleanSupplier standby) {
        return ex -> {
            if (!ex.getRequestURI().getPath().equals("/")) {
                send(ex, 404, "text/plain; charset=utf-8", "not found\n");
                return;
            }
            String html;
            try {
                html = render(status.get(), standby.getAsBoolean());
            } catch (RuntimeException e) {
                // a bug in the page must not hide the loop: say so, /status still answers
                send(ex, 500, "text/plain; charset=utf-8", "status page failed: " + e.getMessage() + "\n(/status has the same data as JSON)\n");
                return;
            }
            send(ex, 200, "text/html; charset=utf-8", html);
        };
    }

    public static String render(LoopStatus status) {
        return render(status, false);
    }

    public static String render(LoopStatus status, boolean standby) {
        return TEMPLATES.render(TEMPLATE, Map.of("page", view(status), "standby", standby));
    }

    // ---- the view: strings and lists only, so the template has no logic beyond loops

    public record Page(String repository, String branch, String file, String startedAt, boolean ready, boolean running,
                       Commit lastApplied, Run lastRun, List<Change> blocked, List<Error> errors, List<String> warnings,
                       List<Section> tree, List<Run> runs, List<Commit> commits) {
    }

    /** "Clusters", "Hosts", "Other targets". */
    public record Section(String title, List<Target> targets) {
    }

    public record Target(String address, String name, String state, int changes, String error, String hint, List<Group> groups) {
    }

    /** Resources of a target under one heading: a Kubernetes kind, a host area, or one VM. */
    public record Group(String title, List<Item> items) {
    }

    public record Item(String name, String address, String kind, String sync) {
    }

    public record Change(String address, String kind, String action, String risk, String reason, String outcome, String message,
                         boolean approved) {
    }

    public record Error(String step, String target, String message, String hint, String file) {
    }

    public record Run(long number, String trigger, String started, String duration, String result, String commit, String applied,
                      String message, int blocked, int errors) {
    }

    public record Commit(String sha, String shortSha, String author, String subject, String time, String verdict, String why,
                         String signer) {
    }

    static Page view(LoopStatus s) {
        RunStatus last = s.lastRun();
        LoopStatus.Source src = s.source();
        return new Page(src.repository(), src.branch(), src.file(), time(s.startedAt()), s.ready(), s.running(),
                commit(s.lastApplied()), run(last),
                last == null ? List.of() : last.blocked().stream().map(StatusPage::change).toList(),
                last == null ? List.of() : last.errors().stream().map(StatusPage::error).toList(),
                last == null ? List.of() : last.warnings(),
                last == null ? List.of() : tree(last.targets()),
                s.recentRuns().stream().map(StatusPage::run).toList(),
                s.recentCommits().stream().map(StatusPage::commit).toList());
    }

    private static List<Section> tree(List<TargetStatus> targets) {
        Map<String, List<Target>> sections = new LinkedHashMap<>();
        sections.put("Clusters", new ArrayList<>());
        sections.put("Hosts", new ArrayList<>());
        sections.put("Other targets", new ArrayList<>());
        for (TargetStatus t : targets) {
            String section = switch (t.family()) {
                case "k8s" -> "Clusters";
                case "host" -> "Hosts";
                default -> "Other targets";
            };
            sections.get(section).add(target(t));
        }
        List<Section> out = new ArrayList<>();
        sections.forEach((title, list) -> {
            if (!list.isEmpty()) out.add(new Section(title, list));
        });
        return out;
    }

    private static Target target(TargetStatus t) {
        Map<String, List<Item>> groups = new LinkedHashMap<>();
        for (ResourceStatus r : t.resources()) {
            Address a = parse(r.address());
            String group;
            String name;
            switch (a) {
                case Address.Kube k -> {
                    group = k.kind().equals("Node") ? "Nodes (pool labels and taints)" : k.kind();
                    name = k.namespace() == null ? k.name() : k.namespace() + "/" + k.name();
                }
                case Address.OnHost h when h.vm() != null -> {
                    group = "VM " + h.vm();
                    name = h.path().size() == 2 ? "vm " + h.vm() : String.join("/", h.path().subList(2, h.path().size()));
                }
                case Address.OnHost h when h.isHost() -> {
                    group = "Host";
                    name = h.host();
                }
                case Address.OnHost h -> {
                    group = h.path().getFirst();
                    name = h.name();
                }
                case null -> {
                    group = r.kind();
                    name = r.address();
                }
                default -> {
                    group = r.kind();
                    name = a.name();
                }
            }
            groups.computeIfAbsent(group, g -> new ArrayList<>()).add(new Item(name, r.address(), r.kind(), r.sync().jsonName()));
        }
        List<Group> list = new ArrayList<>();
        groups.forEach((title, items) -> list.add(new Group(title, items)));
        int slash = t.address().indexOf('/');
        String name = slash < 0 ? t.address() : t.address().substring(slash + 1);
        return new Target(t.address(), name, t.state().jsonName(), t.changes(), nz(t.error()), nz(t.hint()), list);
    }

    private static Address parse(String text) {
        try {
            return Address.parse(text);
        } catch (IllegalArgumentException e) {
            return null; // shown under its kind, whole
        }
    }

    private static Change change(ChangeStatus c) {
        return new Change(c.address(), c.kind(), c.action(), c.risk(), nz(c.reason()), c.outcome().jsonName(), nz(c.message()), c.approved());
    }

    private static Error error(RunError e) {
        return new Error(e.step().jsonName(), nz(e.target()), nz(e.message()), nz(e.hint()), nz(e.file()));
    }

    private static Run run(RunStatus r) {
        if (r == null) return null;
        String duration = r.finished() == null ? "" : String.format(java.util.Locale.ROOT, "%.1f s", r.durationSeconds());
        return new Run(r.number(), r.trigger().jsonName(), time(r.started()), duration, r.result().jsonName(),
                r.commit() == null ? "" : r.commit().shortSha(), r.applied() == null ? "" : r.applied().shortSha(), nz(r.message()),
                r.blocked().size(), r.errors().size());
    }

    private static Commit commit(CommitInfo c) {
        if (c == null) return null;
        return new Commit(c.sha(), c.shortSha(), nz(c.author()), nz(c.subject()), time(c.time()), c.verdict().jsonName(), nz(c.why()),
                nz(c.signer()));
    }

    private static String time(Instant t) {
        return t == null ? "" : TIME.format(t);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static void send(HttpExchange ex, int code, String type, String text) throws IOException {
        // nothing on the page loads or runs anything: say so to the browser too
        ex.getResponseHeaders().set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
        ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        LoopServer.send(ex, code, type, text.getBytes(StandardCharsets.UTF_8));
    }
}
