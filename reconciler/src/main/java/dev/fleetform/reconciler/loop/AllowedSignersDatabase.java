package dev.fleetform.reconciler.loop;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.eclipse.jgit.lib.GpgConfig;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.signing.ssh.SigningKeyDatabase;
import org.eclipse.jgit.signing.ssh.VerificationException;

import java.io.IOException;
import java.security.PublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * JGit's hook for "is this key allowed to sign": JGit's SSH verifier checks the signature itself,
 * then asks the process-wide {@link SigningKeyDatabase} about the key. This one answers from the
 * {@link AllowedSigners} files Fleetform loaded, named in the {@link GpgConfig} by a token of
 * their own; for any other configuration it defers to the database it replaced.
 */
final class AllowedSignersDatabase implements SigningKeyDatabase {
    private static final Map<String, AllowedSigners> LOADED = new ConcurrentHashMap<>();
    private static final AtomicLong NEXT = new AtomicLong();
    private static boolean installed;

    private final SigningKeyDatabase previous;

    private AllowedSignersDatabase(SigningKeyDatabase previous) {
        this.previous = previous;
    }

    /** Registers {@code signers}; the token returned goes in {@code gpg.ssh.allowedSignersFile}. */
    static synchronized String register(AllowedSigners signers) {
        if (!installed) {
            SigningKeyDatabase.setInstance(new AllowedSignersDatabase(SigningKeyDatabase.getInstance()));
            installed = true;
        }
        String token = "fleetform-allowed-signers-" + NEXT.incrementAndGet() + ":" + signers.file();
        LOADED.put(token, signers);
        return token;
    }

    @Override
    public boolean isRevoked(Repository repository, GpgConfig config, PublicKey key) throws IOException {
        if (LOADED.containsKey(String.valueOf(config.getSshAllowedSignersFile()))) return false; // no revocation list: a key is removed from the file
        return previous.isRevoked(repository, config, key);
    }

    @Override
    public String isAllowed(Repository repository, GpgConfig config, PublicKey key, String namespace, PersonIdent ident)
            throws IOException, VerificationException {
        AllowedSigners signers = LOADED.get(String.valueOf(config.getSshAllowedSignersFile()));
        if (signers == null) return previous.isAllowed(repository, config, key, namespace, ident);
        if (key instanceof OpenSshCertificate cert) {
            throw new VerificationException(false, "signed with an SSH certificate of CA " + KeyUtils.getFingerPrint(cert.getCaPubKey())
                    + ": only keys listed in " + signers.file() + " are trusted");
        }
        // as git does (verify-time): the committer's time is when it was signed
        Instant when = ident == null ? null : ident.getWhenAsInstant();
        var allowed = signers.allowing(key, namespace, when);
        if (allowed.isPresent()) return allowed.get().principals();
        List<AllowedSigners.Entry> listed = signers.forKey(key);
        if (listed.isEmpty()) return null; // JGit: trust UNKNOWN, "no principal matched"
        AllowedSigners.Entry e = listed.getFirst();
        String where = signers.file() + ":" + e.line();
        if (e.namespaces() != null && !AllowedSigners.matchesAny(e.namespaces(), namespace)) {
            throw new VerificationException(false, "key " + KeyUtils.getFingerPrint(key) + " may sign only in namespaces "
                    + String.join(",", e.namespaces()) + " (" + where + "), not '" + namespace + "'");
        }
        String window = (e.validAfter() == null ? "" : " after " + e.validAfter()) + (e.validBefore() == null ? "" : " before " + e.validBefore());
        throw new VerificationException(true, "key " + KeyUtils.getFingerPrint(key) + " is trusted only" + window + " (" + where
                + "); the commit was signed at " + when);
    }
}
