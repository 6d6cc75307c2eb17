package dev.fleetform.reconciler.loop;

import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.GpgConfig;
import org.eclipse.jgit.lib.SignatureVerifier;
import org.eclipse.jgit.lib.SignatureVerifiers;
import org.eclipse.jgit.revwalk.RevCommit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * {@code --require-signed} for git's SSH signatures ({@code gpg.format=ssh}: an armored SSHSIG
 * in the {@code gpgsig} header, namespace {@code git}). The signature is checked by JGit's SSH
 * verifier ({@code org.eclipse.jgit.ssh.apache}, through {@link SignatureVerifiers}); whether
 * its key may sign is answered from the {@code --trusted-keys} allowed-signers file
 * ({@link AllowedSigners}), read once at start.
 */
public final class SshCommitVerifier implements CommitVerifier {
    static final String ARMOR = "-----BEGIN SSH SIGNATURE-----";

    private final AllowedSigners signers;
    private final GpgConfig config;

    private SshCommitVerifier(AllowedSigners signers) {
        this.signers = signers;
        Config c = new Config();
        c.setString("gpg", null, "format", "ssh");
        c.setString("gpg", "ssh", "allowedSignersFile", AllowedSignersDatabase.register(signers));
        this.config = new GpgConfig(c);
    }

    /** Reads an allowed-signers file; a line that is not one fails with {@code FILE:LINE:COL}. */
    public static SshCommitVerifier load(Path file) throws IOException {
        return new SshCommitVerifier(AllowedSigners.read(file));
    }

    public static SshCommitVerifier of(AllowedSigners signers) {
        return new SshCommitVerifier(signers);
    }

    @Override
    public Verification verify(RevCommit commit) {
        byte[] sig = commit.getRawGpgSignature();
        if (sig == null) return new Verification(false, null, "unsigned");
        if (!new String(sig, StandardCharsets.US_ASCII).startsWith(ARMOR)) {
            return new Verification(false, null, "not an SSH signature");
        }
        SignatureVerifier jgit = SignatureVerifiers.get(GpgConfig.GpgFormat.SSH);
        if (jgit == null) {
            return new Verification(false, null, "no SSH signature verifier: org.eclipse.jgit.ssh.apache is missing from the class path");
        }
        SignatureVerifier.SignatureVerification v;
        try {
            // the repository is only used to find a relative allowed-signers file; ours is registered by token
            v = jgit.verify(null, config, OpenPgpVerifier.signedPayload(commit.getRawBuffer()), sig);
        } catch (IOException | RuntimeException e) {
            return new Verification(false, null, "the SSH signature cannot be read: " + e.getMessage());
        }
        String key = v.keyFingerprint() == null ? "" : "SSH key " + v.keyFingerprint();
        if (v.verified()) return new Verification(true, v.keyFingerprint() + " (" + v.keyUser() + ")", "");
        if (v.trustLevel() == SignatureVerifier.TrustLevel.UNKNOWN) {
            // the signature matches; only its key is not listed
            return new Verification(false, null, "signed by " + key + ", which is not in --trusted-keys " + signers.file());
        }
        if (v.message() == null) return new Verification(false, null, "the signature of " + key + " does not match the commit");
        return new Verification(false, null, (key.isEmpty() ? "" : key + ": ") + v.message());
    }

    public AllowedSigners signers() {
        return signers;
    }
}
