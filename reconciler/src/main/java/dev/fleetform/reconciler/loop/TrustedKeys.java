package dev.fleetform.reconciler.loop;

import org.eclipse.jgit.revwalk.RevCommit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code --trusted-keys FILE} (repeatable): each file is told apart by its content, so one flag
 * serves both kinds of signature. OpenPGP public keys (an armored
 * {@code -----BEGIN PGP PUBLIC KEY BLOCK-----}, or binary: a public-key packet's tag first) verify
 * OpenPGP signatures; anything else is read as an SSH
 * allowed-signers file and verifies SSH signatures. A commit is checked by the kind its
 * {@code gpgsig} is; a kind with no file given is refused, saying which file is missing.
 */
public final class TrustedKeys implements CommitVerifier {
    private final OpenPgpVerifier openPgp; // null: no OpenPGP keys given
    private final SshCommitVerifier ssh;   // null: no allowed-signers file given

    private TrustedKeys(OpenPgpVerifier openPgp, SshCommitVerifier ssh) {
        this.openPgp = openPgp;
        this.ssh = ssh;
    }

    /** The kind of a trusted-keys file, from its first bytes. */
    public enum Kind { OPENPGP, ALLOWED_SIGNERS }

    static Kind kind(byte[] bytes) {
        // binary: a public-key packet first (old-format tags 0x98-0x9A, new-format 0xC6), as gpg --export writes
        if (bytes.length > 0 && ((bytes[0] & 0xFF) >= 0x98 && (bytes[0] & 0xFF) <= 0x9A || (bytes[0] & 0xFF) == 0xC6)) return Kind.OPENPGP;
        String text = new String(bytes, StandardCharsets.US_ASCII);
        return text.contains("-----BEGIN PGP PUBLIC KEY BLOCK-----") ? Kind.OPENPGP : Kind.ALLOWED_SIGNERS;
    }

    /** At most one file of each kind; an unreadable or malformed one fails with its path (and line:col for allowed signers). */
    public static TrustedKeys load(List<Path> files) throws IOException {
        if (files.isEmpty()) throw new IllegalArgumentException("no --trusted-keys file");
        OpenPgpVerifier openPgp = null;
        SshCommitVerifier ssh = null;
        for (Path f : files) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(f);
            } catch (java.nio.file.NoSuchFileException e) {
                throw new IOException(f + ": no such file", e);
            }
            switch (kind(bytes)) {
                case OPENPGP -> {
                    if (openPgp != null) throw new IOException(f + ": a second OpenPGP key file; put all the keys in one (gpg --export --armor KEY1 KEY2)");
                    try {
                        openPgp = OpenPgpVerifier.load(f);
                    } catch (IOException e) {
                        throw new IOException(f + ": " + e.getMessage(), e);
                    }
                }
                case ALLOWED_SIGNERS -> {
                    if (ssh != null) throw new IOException(f + ": a second allowed-signers file; put all the signers in one");
                    ssh = SshCommitVerifier.load(f);
                }
            }
        }
        return new TrustedKeys(openPgp, ssh);
    }

    public static TrustedKeys of(OpenPgpVerifier openPgp, SshCommitVerifier ssh) {
        return new TrustedKeys(openPgp, ssh);
    }

    @Override
    public Verification verify(RevCommit commit) {
        byte[] sig = commit.getRawGpgSignature();
        if (sig == null) return new Verification(false, null, "unsigned");
        String text = new String(sig, StandardCharsets.US_ASCII);
        if (text.startsWith(SshCommitVerifier.ARMOR)) {
            return ssh != null ? ssh.verify(commit)
                    : new Verification(false, null, "signed with an SSH key, but --trusted-keys has no allowed-signers file");
        }
        if (text.startsWith("-----BEGIN PGP SIGNATURE")) {
            return openPgp != null ? openPgp.verify(commit)
                    : new Verification(false, null, "signed with OpenPGP, but --trusted-keys has no OpenPGP public keys");
        }
        if (text.startsWith("-----BEGIN SIGNED MESSAGE")) {
            return new Verification(false, null, "signed with X.509 (gpgsm): only OpenPGP and SSH signatures are verified here");
        }
        return new Verification(false, null, "the signature is of no kind known here (neither OpenPGP nor SSH)");
    }
}
