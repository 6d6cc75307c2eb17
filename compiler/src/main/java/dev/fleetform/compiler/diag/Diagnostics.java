package dev.fleetform.compiler.diag;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A collector that stages append to; the result is sorted once, at the end. */
public final class Diagnostics {
    private final List<Diagnostic> items = new ArrayList<>();

    public void add(Diagnostic d) {
        items.add(d);
    }

    public void addAll(List<Diagnostic> ds) {
        items.addAll(ds);
    }

    public void addAll(Diagnostics other) {
        items.addAll(other.items);
    }

    public void error(String ruleId, Location location, String message, String hint) {
        add(Diagnostic.error(ruleId, location, message, hint));
    }

    public void warning(String ruleId, Location location, String message, String hint) {
        add(Diagnostic.warning(ruleId, location, message, hint));
    }

    public boolean hasErrors() {
        for (Diagnostic d : items) {
            if (d.isError()) return true;
        }
        return false;
    }

    public int size() {
        return items.size();
    }

    /** Sorted by {@link Diagnostic#ORDER}, duplicates (same rule, place and message) removed. */
    public List<Diagnostic> sorted() {
        List<Diagnostic> copy = new ArrayList<>(items);
        copy.sort(Diagnostic.ORDER);
        List<Diagnostic> out = new ArrayList<>(copy.size());
        for (Diagnostic d : copy) {
            if (out.isEmpty() || !out.getLast().equals(d)) out.add(d);
        }
        return Collections.unmodifiableList(out);
    }
}
