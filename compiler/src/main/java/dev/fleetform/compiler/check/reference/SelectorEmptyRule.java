package dev.fleetform.compiler.check.reference;

import dev.fleetform.compiler.check.CheckContext;
import dev.fleetform.compiler.check.Reporter;
import dev.fleetform.compiler.check.Rule;
import dev.fleetform.compiler.model.AccessGroup;
import dev.fleetform.compiler.model.Cluster;
import dev.fleetform.compiler.model.Pool;
import dev.fleetform.compiler.model.Selector;

/**
 * SELECTOR-EMPTY: a pool's {@code nodes} or an access group's {@code hosts} selects no host or
 * VM. Such a selector is almost always a typo; the hint names the part that matched nothing.
 */
public final class SelectorEmptyRule implements Rule {

    @Override
    public String id() {
        return "SELECTOR-EMPTY";
    }

    @Override
    public void check(CheckContext ctx, Reporter out) {
        SelectorVocabulary vocabulary = null; // built on the first empty selector only
        for (Cluster cluster : ctx.fleet().clusters()) {
            for (Pool pool : cluster.pools()) {
                if (ctx.index().selectsAny(pool.nodes())) continue;
                if (vocabulary == null) vocabulary = SelectorVocabulary.of(ctx.index());
                report(out, pool.nodes(), "pool " + cluster.name() + "/" + pool.name() + " selects no nodes", vocabulary);
            }
        }
        for (AccessGroup group : ctx.fleet().access().groups()) {
            if (ctx.index().selectsAny(group.hosts())) continue;
            if (vocabulary == null) vocabulary = SelectorVocabulary.of(ctx.index());
            report(out, group.hosts(), "access group " + group.name() + " selects no hosts", vocabulary);
        }
    }

    private static void report(Reporter out, Selector selector, String message, SelectorVocabulary vocabulary) {
        out.error(selector.origin(), message + ": no host or VM matches every part of its selector",
                vocabulary.explain(selector));
    }
}
