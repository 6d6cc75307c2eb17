package dev.fleetform.compiler.plan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fleetform.compiler.model.Host;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The semantic diff: desired resources of base and head compared by address. Linear in the
 * number of resources (maps by address, one pass each).
 */
public final class Planner {

    /** Kinds a profile or the defaults can set on many hosts at once. */
    static final Set<ResourceKind> SHAREABLE = Set.of(ResourceKind.SYSCTL, ResourceKind.LIMIT, ResourceKind.DNS,
            ResourceKind.PACKAGE, ResourceKind.TIMEZONE, ResourceKind.RAID, ResourceKind.FILESYSTEM, ResourceKind.MOUNT);

    /** What {@code defaults.baseline} can set. */
    static final Set<ResourceKind> BASELINE = Set.of(ResourceKind.SYSCTL, ResourceKind.LIMIT, ResourceKind.DNS,
            ResourceKind.PACKAGE, ResourceKind.TIMEZONE);

    private Planner() {
    }

    public static Plan plan(PlanInput base, PlanInput head, Set<String> approved) {
        Map<String, Resource> before = new HashMap<>(base.outputs());
        Map<String, Resource> after = new HashMap<>(head.outputs());
        DesiredResources.ofChangedHosts(base.fleet(), head.fleet(), before, after);

        // Only changed addresses are sorted: most of a fleet is the same on both sides. Comparing
        // is most of the work, one address at a time: on all cores.
        List<String> changed = new ArrayList<>(after.entrySet().parallelStream().filter(e -> {
            Resource b = before.get(e.getKey());
            return b == null || !b.sameFields(e.getValue());
        }).map(Map.Entry::getKey).toList());
        Set<String> deletedHosts = new HashSet<>();
        Set<String> deletedVms = new HashSet<>();
        for (Map.Entry<String, Resource> e : before.entrySet()) {
            if (after.containsKey(e.getKey())) continue;
            changed.add(e.getKey());
            ResourceKind k = e.getValue().kind();
            if (k == ResourceKind.HOST) deletedHosts.add(e.getKey());
            if (k == ResourceKind.VM) deletedVms.add(e.getKey());
        }
        changed.sort(Comparator.naturalOrder());

        List<Draft> drafts = new ArrayList<>();
        for (String a : changed) {
            Resource b = before.get(a), h = after.get(a);
            if (h == null && folded(a, deletedHosts, deletedVms)) continue;
            Resource r = h != null ? h : b;
            Action action = b == null ? Action.CREATE : h == null ? Action.DELETE : Action.UPDATE;
            List<FieldChange> fields = FieldDiff.diff(b == null ? null : b.fields(), h == null ? null : h.fields());
            drafts.add(new Draft(r, action, fields, b == null ? null : b.fields(), h == null ? null : h.fields()));
        }

        List<ResourceChange> changes = new ArrayList<>();
        Grouping grouping = new Grouping(base, head);
        HostContents removed = deletedHosts.isEmpty() ? null : HostContents.of(before);
        for (List<Draft> group : grouping.groups(drafts)) changes.add(change(group, grouping, removed, approved));
        changes.sort(Comparator.comparing((ResourceChange c) -> c.risk()).reversed().thenComparing(ResourceChange::address));

        List<String> warnings = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (ResourceChange c : changes) if (c.approved()) used.add(c.address());
        for (String a : new TreeSet<>(approved)) {
            if (!used.contains(a) && changes.stream().noneMatch(c -> c.address().equals(a))) {
                warnings.add("approval for " + a + " matches no change in this plan (stale approval?)");
            }
        }
        return new Plan(Plan.FORMAT_VERSION, List.copyOf(changes), List.copyOf(warnings));
    }

    /** Deletes under a deleted host or VM are told by that host's or VM's change. */
    private static boolean folded(String address, Set<String> deletedHosts, Set<String> deletedVms) {
        for (int i = address.indexOf('/'); i >= 0; i = address.indexOf('/', i + 1)) {
            String prefix = address.substring(0, i);
            if (!prefix.equals(address) && (deletedHosts.contains(prefix) || deletedVms.contains(prefix))) return true;
        }
        return false;
    }

    private static ResourceChange change(List<Draft> group, Grouping grouping, HostContents removed, Set<String> approved) {
        Draft d = group.getFirst();
        String address = d.resource().address();
        String name = name(d.resource());
        String where = d.resource().host() == null ? "" : "on " + d.resource().host();
        List<String> reaches = List.of();
        if (group.size() > 1) {
            address = grouping.source(group) + "/" + suffix(d.resource());
            where = "on " + group.size() + " hosts";
            reaches = group.stream().map(x -> x.resource().host()).toList();
        }
        Assessment a = RiskPolicy.assess(d.resource().kind(), d.action(), name, where, d.before(), d.after(), d.fields());
        String reason = a.reason();
        if (d.resource().kind() == ResourceKind.HOST && d.action() == Action.DELETE) {
            a = hostRemoved(removed.of(d.resource().host()));
            reason = a.reason();
        }
        boolean isApproved = a.risk() == Risk.DESTRUCTIVE && (approved.contains(address)
                || (group.size() > 1 && group.stream().allMatch(x -> approved.contains(x.resource().address()))));
        return new ResourceChange(address, d.resource().kind().jsonName(), a.action(), a.risk(), reason, d.fields(),
                d.before(), d.after(), reaches, isApproved);
    }

    /** A removed host takes its VMs, disks and arrays with it: destructive when it has any. */
    private static Assessment hostRemoved(int[] contents) {
        int vms = contents[0], arrays = contents[1], filesystems = contents[2];
        if (vms + arrays + filesystems == 0) return new Assessment(Action.DELETE, Risk.SAFE, "host removed: Fleetform stops managing it");
        List<String> parts = new ArrayList<>();
        if (vms > 0) parts.add("its " + vms + (vms == 1 ? " VM and its disks are" : " VMs and their disks are") + " deleted");
        if (arrays + filesystems > 0) parts.add("its storage (" + arrays + " arrays, " + filesystems + " filesystems) is given up");
        return new Assessment(Action.DELETE, Risk.DESTRUCTIVE, "host removed: " + String.join("; ", parts));
    }

    /** VMs, RAID arrays and filesystems per host of the base: counted in one pass, not once per removed host. */
    private record HostContents(Map<String, int[]> byHost) {
        static HostContents of(Map<String, Resource> before) {
            Map<String, int[]> m = new HashMap<>();
            for (Resource r : before.values()) {
                int i = switch (r.kind()) {
                    case VM -> 0;
                    case RAID -> 1;
                    case FILESYSTEM -> 2;
                    default -> -1;
                };
                if (i >= 0 && r.host() != null) m.computeIfAbsent(r.host(), k -> new int[3])[i]++;
            }
            return new HostContents(m);
        }

        int[] of(String host) {
            return byHost.getOrDefault(host, new int[3]);
        }
    }

    /** The resource's own name in reasons: {@code md0}, {@code vm1/disk/0}, {@code ore-miner}. */
    static String name(Resource r) {
        String a = r.address();
        if (r.host() != null) {
            String rest = suffix(r);
            int slash = rest.indexOf('/');
            return slash < 0 ? rest : rest.substring(slash + 1);
        }
        return a.substring(a.lastIndexOf('/') + 1);
    }

    /** The address below the host: {@code raid/md0} of {@code host/st-01/raid/md0}. */
    static String suffix(Resource r) {
        String prefix = "host/" + r.host();
        return r.address().length() > prefix.length() ? r.address().substring(prefix.length() + 1) : "";
    }

    record Draft(Resource resource, Action action, List<FieldChange> fields, Map<String, Object> before, Map<String, Object> after) {
    }

    /**
     * Finds changes made once in {@code defaults} or a profile: the same change to the same
     * relative address on several hosts, when that profile (or the defaults) changed between the
     * two documents.
     */
    static final class Grouping {
        private final Map<String, String> profileOf = new HashMap<>();
        private final Set<String> changedProfiles = new HashSet<>();
        private final boolean defaultsChanged;

        Grouping(PlanInput base, PlanInput head) {
            for (PlanInput in : List.of(base, head)) {
                if (in.fleet() == null) continue;
                for (Host h : in.fleet().hosts()) if (h.profile() != null) profileOf.putIfAbsent(h.name(), h.profile());
            }
            JsonNode b = base.document(), h = head.document();
            defaultsChanged = !same(b, h, "defaults");
            Set<String> names = new TreeSet<>();
            for (JsonNode doc : new JsonNode[] {b, h}) {
                if (doc != null && doc.has("profiles")) doc.get("profiles").fieldNames().forEachRemaining(names::add);
            }
            for (String p : names) {
                if (!same(b == null ? null : b.get("profiles"), h == null ? null : h.get("profiles"), p)) changedProfiles.add(p);
            }
        }

        private static boolean same(JsonNode b, JsonNode h, String key) {
            JsonNode x = b == null ? null : b.get(key), y = h == null ? null : h.get(key);
            return x == null ? y == null : x.equals(y);
        }

        List<List<Draft>> groups(List<Draft> drafts) {
            Map<String, List<Draft>> byKey = new LinkedHashMap<>();
            List<List<Draft>> out = new ArrayList<>();
            for (Draft d : drafts) {
                Resource r = d.resource();
                if (r.host() == null || !SHAREABLE.contains(r.kind()) || (changedProfiles.isEmpty() && !defaultsChanged)) {
                    out.add(List.of(d));
                    continue;
                }
                String key = suffix(r) + "\u0000" + d.action() + "\u0000" + d.fields();
                byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(d);
            }
            for (List<Draft> g : byKey.values()) {
                if (g.size() > 1 && source(g) != null) out.add(g);
                else for (Draft d : g) out.add(List.of(d));
            }
            return out;
        }

        /** {@code profile/<p>} when every host of the group uses changed profile p; {@code defaults} when they changed; else null. */
        String source(List<Draft> group) {
            String p = profileOf.get(group.getFirst().resource().host());
            if (p != null && changedProfiles.contains(p)
                    && group.stream().allMatch(d -> p.equals(profileOf.get(d.resource().host())))) {
                return "profile/" + p;
            }
            boolean baseline = BASELINE.contains(group.getFirst().resource().kind());
            return defaultsChanged && baseline ? "defaults" : null;
        }
    }
}
