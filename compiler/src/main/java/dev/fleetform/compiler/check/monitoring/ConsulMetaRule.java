package dev.fleetform.compiler.check.monitoring;

import dev.fleetform.compiler.check.CheckContext;
import dev.fleetform.compiler.check.FleetIndex.Node;
import dev.fleetform.compiler.check.Reporter;
import dev.fleetform.compiler.check.Rule;
import dev.fleetform.compiler.load.Origin;
import dev.fleetform.compiler.model.Cluster;
import dev.fleetform.compiler.model.Pool;
import dev.fleetform.compiler.promql.LabelName;

import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code CONSUL-META}: with {@code monitoring.consul}, a host's or VM's scrape target labels
 * become Consul service meta, which Consul limits: at most 64 pairs, keys of at most 128
 * characters, values of at most 512 (services-configuration-reference, "meta"). The schema
 * bounds label values and names; what can still exceed is a long label key (a long prefix),
 * many labels, and the joined {@code role} and {@code pool} labels. The keys are the Prometheus
 * label names, whose characters Consul accepts.
 */
public final class ConsulMetaRule implements Rule {
    static final int MAX_PAIRS = 64;
    static final int MAX_KEY = 128;
    static final int MAX_VALUE = 512;

    @Override
    public String id() {
        return "CONSUL-META";
    }

    @Override
    public void check(CheckContext ctx, Reporter out) {
        if (ctx.fleet().monitoring().consul() == null) return;
        Map<Node, Integer> poolChars = poolLabelLengths(ctx);
        Map<String, String> names = new HashMap<>();
        Set<String> reportedKeys = new HashSet<>();
        for (Node n : ctx.index().nodes()) {
            if (n.address() == null) continue; // not scraped, so no service
            Origin at = n.isVm() ? n.vm().origin() : n.host().origin();
            Set<String> keys = new HashSet<>();
            for (String key : n.labels().keySet()) {
                String name = names.computeIfAbsent(key, LabelName::of);
                keys.add(name);
                // once per key, at its first use: a VM's inherited label is its host's
                if (name.length() > MAX_KEY && reportedKeys.add(key)) {
                    out.error(at.child("labels").child(key),
                            n.name() + ": label key '" + key + "' is the Consul service meta key '" + name + "' of "
                                    + name.length() + " characters; Consul allows at most " + MAX_KEY,
                            "shorten the key (e.g. its prefix): Consul refuses the node's services otherwise");
                }
            }
            keys.add("host");
            if (!n.roles().isEmpty()) keys.add("role");
            Integer pool = poolChars.get(n);
            if (pool != null) keys.add("pool");
            if (keys.size() > MAX_PAIRS) {
                out.error(at.child("labels"),
                        n.name() + ": " + keys.size() + " target labels (host, role and pool included); Consul allows at most "
                                + MAX_PAIRS + " service meta pairs",
                        "give this " + (n.isVm() ? "VM" : "host") + " fewer labels");
            }
            int role = String.join(",", n.roles()).length();
            if (role > MAX_VALUE) {
                out.error(at.child("roles"),
                        n.name() + ": its roles make a role label of " + role + " characters; Consul allows at most "
                                + MAX_VALUE + " in a service meta value",
                        "give this " + (n.isVm() ? "VM" : "host") + " fewer or shorter roles");
            }
            if (pool != null && pool > MAX_VALUE) {
                out.error(at,
                        n.name() + ": its pools make a pool label of " + pool + " characters; Consul allows at most "
                                + MAX_VALUE + " in a service meta value",
                        "select this " + (n.isVm() ? "VM" : "host") + " into fewer pools, or shorten the pool names");
            }
        }
    }

    /** Length of each pooled node's {@code pool} label: its pool names joined by ','. One select per pool. */
    private static Map<Node, Integer> poolLabelLengths(CheckContext ctx) {
        Map<Node, Integer> chars = new IdentityHashMap<>();
        for (Cluster c : ctx.fleet().clusters()) {
            for (Pool p : c.pools()) {
                for (Node n : ctx.index().select(p.nodes())) {
                    chars.merge(n, p.name().length(), (a, b) -> a + 1 + b);
                }
            }
        }
        return chars;
    }
}
