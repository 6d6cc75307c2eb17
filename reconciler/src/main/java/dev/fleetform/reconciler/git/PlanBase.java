package dev.fleetform.reconciler.git;

import dev.fleetform.reconciler.git.GitRevisions.RevisionException;
import org.eclipse.jgit.revwalk.RevCommit;

import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The revision a plan compares the head with. A plan must never understate risk, so an invalid
 * base is never read as an empty fleet (a head that removes a host with its VMs would then look
 * like it adds everything): the last valid revision before it on its first-parent line is used
 * instead, and the plan says so. Only a revision without the fleet file is an empty fleet, since
 * it declares nothing. When no valid revision is found, there is no honest plan.
 *
 * @param <S> one prepared side of a plan (validated, and compiled when valid)
 */
public final class PlanBase<S> {
    /** How many revisions before an invalid base are tried. */
    public static final int MAX_WALK = 100;

    /** The base chosen; {@code warning} says why it is not the one asked for, or is null when it is. */
    public record Chosen<S>(RevCommit commit, S side, String warning) {
    }

    /** No revision at or before the base is valid: the reason, for the user. */
    public static final class NoValidBase extends Exception {
        private final String hint;

        NoValidBase(String message, String hint) {
            super(message);
            this.hint = hint;
        }

        public String hint() {
            return hint;
        }
    }

    private final GitRevisions git;
    private final String fleetPath;
    private final Function<RevCommit, S> prepare;
    private final Predicate<S> valid;
    private final S empty;

    /**
     * @param fleetPath the fleet file's path from the top of the repository
     * @param prepare   validates (and compiles) the fleet at a revision
     * @param empty     the side of a revision without the fleet file
     */
    public PlanBase(GitRevisions git, String fleetPath, Function<RevCommit, S> prepare, Predicate<S> valid, S empty) {
        this.git = git;
        this.fleetPath = fleetPath;
        this.prepare = prepare;
        this.valid = valid;
        this.empty = empty;
    }

    /**
     * @param asked    the base the user (or the default) named
     * @param prepared that base, already prepared (it usually is valid, and was prepared beside the head)
     * @param errors   how many errors the asked base has, for the message
     */
    public Chosen<S> choose(RevCommit asked, S prepared, long errors) throws RevisionException, NoValidBase {
        String name = fleetPath.substring(fleetPath.lastIndexOf('/') + 1);
        if (!git.hasPath(asked, fleetPath)) {
            return new Chosen<>(asked, empty, name + " does not exist at the base " + short7(asked) + ": planned from an empty fleet");
        }
        if (valid.test(prepared)) return new Chosen<>(asked, prepared, null);
        String invalid = "the base " + short7(asked) + " is invalid (" + errors + " errors)";
        RevCommit c = asked;
        for (int i = 0; i < MAX_WALK; i++) {
            RevCommit parent = git.firstParent(c);
            if (parent == null) {
                if (git.shallow()) {
                    throw new RevisionException(invalid + ", and the history before " + short7(c) + " is not in this shallow clone",
                            git.fetchHint());
                }
                throw new NoValidBase(invalid + ", and no revision before it has a valid " + name
                        + ": a plan against it could hide what the head removes", "fix " + name + " at the base, or pass --base REV");
            }
            c = parent;
            if (!git.hasPath(c, fleetPath)) {
                return new Chosen<>(c, empty, invalid + "; " + name + " does not exist before it (at " + short7(c)
                        + "): planned from an empty fleet");
            }
            S side = prepare.apply(c);
            if (valid.test(side)) {
                return new Chosen<>(c, side, invalid + ": planned against " + short7(c) + ", the last valid revision before it");
            }
        }
        throw new NoValidBase(invalid + ", and so are the " + MAX_WALK + " revisions before it: a plan against them could hide what "
                + "the head removes", "fix " + name + " at the base, or pass --base REV with a valid revision");
    }

    private static String short7(RevCommit c) {
        return c.abbreviate(7).name();
    }
}
