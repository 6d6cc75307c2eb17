package dev.fleetform.compiler.check.monitoring;

import dev.fleetform.compiler.check.CheckContext;
import dev.fleetform.compiler.check.Reporter;
import dev.fleetform.compiler.check.Rule;
import dev.fleetform.compiler.diag.Origin;
import dev.fleetform.compiler.index.FleetIndex.Node;
import dev.fleetform.compiler.index.TargetLabels;
import dev.fleetform.compiler.promql.LabelName;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * {@code CONSUL-META}: with {@code monitoring.consul}, a host's or VM's scrape target labels
 * become Consul service meta, which Consul limits: at most 64 pairs, keys of at most 128
 * characters, values of at most 512 (services-configuration-reference, "meta"). The schema
 * bounds label values and names; what can still exceed is a long label key (a long prefix),
 * many labels, and the joined {@code role} and {@code pool} labels ({@link TargetLabels}, as the
 * services carry them). The keys are the Prometheus label names, whose characters Consul accepts.
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
        TargetLabels targets = new TargetLabels(ctx.fleet(), ctx.index());
        Set<String> reportedKeys = new HashSet<>();
        for (Node n : ctx.index().nodes()) {
            if (n.address() == null) continue; // not scraped, so no service
            Origin at = n.isVm() ? n.vm().origin() : n.host().origin();
            for (String key : n.labels().keySet()) {
                String name = LabelName.of(key);
                // once per key, at its first use: a VM's inherited label is its host's
                if (name.length() > MAX_KEY && reportedKeys.add(key)) {
                    out.error(at.child("labels").child(key),
                            n.name() + ": label key '" + key + "' is the Consul service meta key '" + name + "' of "
                                    + name.length() + " characters; Consul allows at most " + MAX_KEY,
                            "shorten the key (e.g. its prefix): Consul refuses the node's services otherwise");
                }
            }
            Map<String, String> meta = targets.of(n);
            if (meta.size() > MAX_PAIRS) {
                out.error(at.child("labels"),
                        n.name() + ": " + meta.size() + " target labels (host, role and pool included); Consul allows at most "
                                + MAX_PAIRS + " service meta pairs",
                        "give this " + (n.isVm() ? "VM" : "host") + " fewer labels");
            }
            int role = meta.getOrDefault("role", "").length();
            if (role > MAX_VALUE) {
                out.error(at.child("roles"),
                        n.name() + ": its roles make a role label of " + role + " characters; Consul allows at most "
                                + MAX_VALUE + " in a service meta value",
                        "give this " + (n.isVm() ? "VM" : "host") + " fewer or shorter roles");
            }
            int pool = meta.getOrDefault("pool", "").length();
            if (pool > MAX_VALUE) {
                out.error(at,
                        n.name() + ": its pools make a pool label of " + pool + " characters; Consul allows at most "
                                + MAX_VALUE + " in a service meta value",
                        "select this " + (n.isVm() ? "VM" : "host") + " into fewer pools, or shorten the pool names");
            }
        }
    }
}
