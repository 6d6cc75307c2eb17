package dev.fleetform.changes;

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
 * The one differ: what it takes to turn the observed resources into the desired ones. The
 * observed side may be another git revision (plan), or the live cluster and hosts (drift,
 * apply). Linear in the number of resources: parts with equal keys are skipped unbuilt, and the
 * rest are compared by address, one pass each.
 */
public final class Differ {
    private Differ() {
    }

    /**
     * @param approved addresses approved for a destructive change (approvals.yaml, {@code --approve})
     */
    public static Plan diff(ResourceSet desired, ResourceSet observed, Set<String> approved) {
        return diff(desired, observed, approved, Parallel.SEQUENTIAL);
    }

    /**
     * @param parallel the caller's threads, for the comparisons (most of the work)
     */
    public static Plan diff(ResourceSet desired, ResourceSet observed, Set<String> approved, Parallel parallel) {
        Map<Address, Resource> before = new HashMap<>(), after = new HashMap<>();
        expand(observed, desired, before, after, parallel);

        // Only changed addresses are sorted: most of a fleet is the same on both sides. Comparing
        // is most of the work, one address at a time: on the caller's threads.
        List<Address> changed = new ArrayList<>(parallel.filter(List.copyOf(after.keySet()), a -> {
            Resource b = before.get(a);
            return b == null || !b.sameFields(after.get(a));
        }));
        for (Address a : before.keySet()) if (!after.containsKey(a)) changed.add(a);
        changed = byText(changed, a -> a);

        Folding folding = Folding.of(changed, before, after);
        List<Draft> drafts = new ArrayList<>();
        for (Address a : changed) {
            if (folding.isFolded(a)) continue;
            Resource b = before.get(a), h = after.get(a);
            Action action = b == null ? Action.CREATE : h == null ? Action.DELETE : Action.UPDATE;
            Map<String, Object> bf = b == null ? null : b.fields(), hf = h == null ? null : h.fields();
            drafts.add(new Draft(h != null ? h : b, action, FieldDiff.diff(bf, hf), bf, hf, layer(b, h), folding.contents(a)));
        }

        List<ResourceChange> changes = new ArrayList<>();
        for (List<Draft> group : groups(drafts, l -> desired.layerDiffers(observed, l))) changes.add(change(group, approved));
        changes = byText(changes, ResourceChange::address);
        changes.sort(Comparator.comparing(ResourceChange::risk).reversed()); // stable: by address within a risk
        return new Plan(Plan.FORMAT_VERSION, List.copyOf(changes), staleApprovals(changes, approved));
    }

    /** Sorted by address text, each text made once (a plan from an empty base sorts a whole fleet). */
    private static <T> List<T> byText(List<T> items, java.util.function.Function<T, Address> address) {
        List<Map.Entry<String, T>> keyed = new ArrayList<>(items.size());
        for (T t : items) keyed.add(Map.entry(address.apply(t).text(), t));
        keyed.sort(Map.Entry.comparingByKey());
        List<T> out = new ArrayList<>(keyed.size());
        for (Map.Entry<String, T> e : keyed) out.add(e.getValue());
        return out;
    }

    /** The resources of the parts that may differ: a part whose key equals the other side's is the same, unbuilt. */
    private static void expand(ResourceSet observed, ResourceSet desired, Map<Address, Resource> before, Map<Address, Resource> after,
                               Parallel parallel) {
        Map<String, ResourceSet.Part> b = observed.byName(), h = desired.byName();
        // deep compares of keys (host records): on the caller's threads
        Set<String> same = new HashSet<>(parallel.filter(List.copyOf(h.keySet()), name -> h.get(name).sameAs(b.get(name))));
        collect(observed, b, same, before);
        collect(desired, h, same, after);
    }

    private static void collect(ResourceSet set, Map<String, ResourceSet.Part> first, Set<String> same, Map<Address, Resource> into) {
        for (ResourceSet.Part p : set.parts()) {
            if (first.get(p.name()) != p || same.contains(p.name())) continue;
            for (Resource r : p.resources().get()) into.putIfAbsent(r.address(), r);
        }
    }

    /** The layer a change comes from: the desired side's, and on an update the same on both sides (else the host's own change). */
    private static Layer layer(Resource b, Resource h) {
        if (h == null) return b.layer();
        if (b == null) return h.layer();
        return java.util.Objects.equals(b.layer(), h.layer()) ? h.layer() : null;
    }

    /**
     * Changes made once in {@code defaults} or a profile: the same change to the same address
     * below several hosts, each of which took the value from that layer, when the layer changed.
     */
    static List<List<Draft>> groups(List<Draft> drafts, java.util.function.Predicate<Layer> changedLayer) {
        Map<String, List<Draft>> byKey = new LinkedHashMap<>();
        List<List<Draft>> out = new ArrayList<>();
        for (Draft d : drafts) {
            if (d.layer() == null || !(d.resource().address() instanceof Address.OnHost on) || !changedLayer.test(d.layer())) {
                out.add(List.of(d));
                continue;
            }
            String key = d.layer() + "\u0000" + on.relative() + "\u0000" + d.action() + "\u0000" + d.fields();
            byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(d);
        }
        for (List<Draft> g : byKey.values()) {
            if (g.size() > 1) out.add(g);
            else out.add(List.of(g.getFirst()));
        }
        return out;
    }

    private static ResourceChange change(List<Draft> group, Set<String> approved) {
        Draft d = group.getFirst();
        Address address = d.resource().address();
        String where = d.resource().host() == null ? "" : "on " + d.resource().host();
        List<String> reaches = List.of();
        if (group.size() > 1) {
            address = new Address.Shared(d.layer().profile(), ((Address.OnHost) address).path());
            where = "on " + group.size() + " hosts";
            reaches = group.stream().map(x -> x.resource().host()).toList();
        }
        RiskPolicy.Facts facts = new RiskPolicy.Facts(d.resource().kind(), d.resource().address(), d.action(), d.fields(), d.contents());
        RiskPolicy.Verdict v = RiskPolicy.decide(facts);
        String reason = Reasons.explain(facts, v, d.resource().address().name(), where, d.before(), d.after());
        boolean isApproved = v.risk() == Risk.DESTRUCTIVE && (approved.contains(address.text())
                || (group.size() > 1 && group.stream().allMatch(x -> approved.contains(x.resource().address().text()))));
        return new ResourceChange(address, d.resource().kind(), v.action(), v.risk(), reason, d.fields(),
                d.before(), d.after(), reaches, isApproved);
    }

    private static List<String> staleApprovals(List<ResourceChange> changes, Set<String> approved) {
        Set<String> addresses = new HashSet<>();
        for (ResourceChange c : changes) addresses.add(c.address().text());
        List<String> warnings = new ArrayList<>();
        for (String a : new TreeSet<>(approved)) {
            if (!addresses.contains(a)) warnings.add("approval for " + a + " matches no change in this plan (stale approval?)");
        }
        return List.copyOf(warnings);
    }

    /**
     * @param layer    the profile or defaults the change comes from, or null
     * @param contents what is folded into this change, by kind (a removed host's VMs and arrays)
     */
    record Draft(Resource resource, Action action, List<FieldChange> fields, Map<String, Object> before,
                 Map<String, Object> after, Layer layer, Map<ResourceKind, Integer> contents) {
    }
}
