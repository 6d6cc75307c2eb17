package dev.fleetform.reconciler.loop;

import org.eclipse.jgit.revwalk.RevCommit;

/** Decides whether a commit may be applied under {@code --require-signed}. */
@FunctionalInterface
public interface CommitVerifier {
    /** Every commit is accepted, unchecked (no {@code --require-signed}). */
    CommitVerifier NONE = c -> new Verification(true, null, "");

    Verification verify(RevCommit commit);

    /**
     * @param signer the trusted key that made the signature, or null
     * @param why    why the commit is refused (unsigned, unknown key, bad signature), else empty
     */
    record Verification(boolean trusted, String signer, String why) {
    }
}
