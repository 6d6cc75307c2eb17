package dev.fleetform.reconciler.kubernetes.apiserver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** The injected faults still to happen, each on the next {@code times} matching requests. */
final class Faults {
    /** What happens to a matching request. */
    sealed interface Fault permits Fail, Stall {
    }

    /** Answered with a Status of this code instead of being served. */
    record Fail(int status) implements Fault {
    }

    /** Served, but answered only after the delay (the write, if any, has happened). */
    record Stall(Duration delay) implements Fault {
    }

    private static final class Rule {
        final String method;
        final String pathPrefix;
        final Fault fault;
        int left;

        Rule(String method, String pathPrefix, Fault fault, int times) {
            this.method = method;
            this.pathPrefix = pathPrefix;
            this.fault = fault;
            this.left = times;
        }
    }

    private final List<Rule> rules = new ArrayList<>();

    synchronized void add(String method, String pathPrefix, Fault fault, int times) {
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1, was " + times);
        }
        rules.add(new Rule(method.toUpperCase(java.util.Locale.ROOT), pathPrefix, fault, times));
    }

    /** The fault for this request (consuming one of its times), oldest rule first, or null. */
    synchronized Fault take(String method, String path) {
        for (Iterator<Rule> it = rules.iterator(); it.hasNext();) {
            Rule rule = it.next();
            if (rule.method.equals(method) && path.startsWith(rule.pathPrefix)) {
                if (--rule.left == 0) {
                    it.remove();
                }
                return rule.fault;
            }
        }
        return null;
    }

    synchronized void clear() {
        rules.clear();
    }
}
