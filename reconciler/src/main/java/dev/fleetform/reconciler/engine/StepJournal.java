package dev.fleetform.reconciler.engine;

import dev.fleetform.changes.ResourceChange;

import java.util.Set;

/**
 * Where destructive steps are recorded, so that a process killed during an apply and started
 * again neither repeats nor skips one ({@code fleetform reconcile}'s apply journal). The engine
 * calls {@link #begin} right before it hands an approved destructive change to its provider and
 * {@link #end} with what became of it; when a later apply finds the address of a step begun and
 * never ended in sync, {@link #effectLive} closes it.
 */
public interface StepJournal {
    /**
     * @param liveVersion what the live resource was when this run observed it ({@link #liveVersion})
     * @return null to go ahead, the intent recorded durably by then; else why the change must not run
     */
    String begin(ResourceChange change, String liveVersion);

    /** What became of a change {@link #begin} let through. */
    void end(ResourceChange change, Outcome outcome);

    /** The addresses under {@code target} of steps begun and never ended (a process died during them). */
    Set<String> open(String target);

    /** The step begun at {@code address} shows in the live state: it finished before its process died. */
    void effectLive(String address);

    /** No journal: {@code fleetform apply}, run by a person who sees what it does. */
    StepJournal NONE = new StepJournal() {
        @Override
        public String begin(ResourceChange change, String liveVersion) {
            return null;
        }

        @Override
        public void end(ResourceChange change, Outcome outcome) {
        }

        @Override
        public Set<String> open(String target) {
            return Set.of();
        }

        @Override
        public void effectLive(String address) {
        }
    };

    /**
     * A token for the live resource a change was planned against: its version when the family has
     * one (a Kubernetes resourceVersion), else a digest of the live fields the change shows
     * ({@code before}), so a step interrupted and found with the live state moved is told apart
     * from one that never started.
     */
    static String liveVersion(Observation observed, ResourceChange change) {
        String v = observed.version(change.address());
        if (v != null) return "version:" + v;
        return "before:" + Digest.of(change.before());
    }
}
