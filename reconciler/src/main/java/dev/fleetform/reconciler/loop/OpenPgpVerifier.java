package dev.fleetform.reconciler.loop;

import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.jcajce.JcaPGPObjectFactory;
import org.bouncycastle.openpgp.operator.jcajce.JcaKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentVerifierBuilderProvider;
import org.eclipse.jgit.revwalk.RevCommit;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Iterator;

/**
 * {@code --require-signed}: a commit is trusted when its {@code gpgsig} is a valid OpenPGP
 * signature (Bouncy Castle, as JGit's {@code gpg.bc} uses) over the commit by a key in the
 * {@code --trusted-keys} file, itself or one of its subkeys. Only that file counts, not a
 * keyring of the user's. SSH signatures are {@link SshCommitVerifier}'s ({@link TrustedKeys} sends each kind to its verifier).
 */
public final class OpenPgpVerifier implements CommitVerifier {
    private final PGPPublicKeyRingCollection trusted;

    private OpenPgpVerifier(PGPPublicKeyRingCollection trusted) {
        this.trusted = trusted;
    }

    /** Reads public keys, armored (one or more blocks, as {@code gpg --export --armor} writes them) or binary. */
    public static OpenPgpVerifier load(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            PGPPublicKeyRingCollection all = new PGPPublicKeyRingCollection(java.util.List.of());
            String text = new String(bytes, StandardCharsets.US_ASCII);
            int from = 0;
            boolean armored = text.contains("-----BEGIN PGP PUBLIC KEY BLOCK-----");
            if (!armored) return new OpenPgpVerifier(read(new ByteArrayInputStream(bytes)));
            while ((from = text.indexOf("-----BEGIN PGP PUBLIC KEY BLOCK-----", from)) >= 0) {
                int end = text.indexOf("-----END PGP PUBLIC KEY BLOCK-----", from);
                if (end < 0) throw new IOException("an armored key block is not closed");
                end += "-----END PGP PUBLIC KEY BLOCK-----".length();
                for (Iterator<PGPPublicKeyRing> it = read(new ByteArrayInputStream(text.substring(from, end).getBytes(StandardCharsets.US_ASCII))).getKeyRings(); it.hasNext(); ) {
                    all = PGPPublicKeyRingCollection.addPublicKeyRing(all, it.next());
                }
                from = end;
            }
            if (all.size() == 0) throw new IOException("no OpenPGP public key in it");
            return new OpenPgpVerifier(all);
        } catch (PGPException | IllegalArgumentException e) {
            throw new IOException("not OpenPGP public keys: " + e.getMessage(), e);
        }
    }

    private static PGPPublicKeyRingCollection read(InputStream in) throws IOException, PGPException {
        return new PGPPublicKeyRingCollection(PGPUtil.getDecoderStream(in), new JcaKeyFingerprintCalculator());
    }

    @Override
    public Verification verify(RevCommit commit) {
        byte[] sig = commit.getRawGpgSignature();
        if (sig == null) return new Verification(false, null, "unsigned");
        String sigText = new String(sig, StandardCharsets.US_ASCII);
        if (sigText.startsWith("-----BEGIN SSH SIGNATURE")) {
            return new Verification(false, null, "signed with an SSH key, not OpenPGP");
        }
        if (sigText.startsWith("-----BEGIN SIGNED MESSAGE")) {
            return new Verification(false, null, "signed with X.509 (gpgsm), not OpenPGP");
        }
        try {
            PGPSignature s = signature(sig);
            if (s == null) return new Verification(false, null, "the signature is not an OpenPGP signature");
            PGPPublicKey key = trusted.getPublicKey(s.getKeyID());
            String keyId = String.format("%016X", s.getKeyID());
            if (key == null) return new Verification(false, null, "signed by key " + keyId + ", which is not in --trusted-keys");
            s.init(new JcaPGPContentVerifierBuilderProvider(), key);
            s.update(signedPayload(commit.getRawBuffer()));
            String fingerprint = HexFormat.of().withUpperCase().formatHex(key.getFingerprint());
            if (!s.verify()) return new Verification(false, fingerprint, "the signature of key " + keyId + " does not match the commit");
            return new Verification(true, fingerprint, "");
        } catch (PGPException | IOException | RuntimeException e) {
            return new Verification(false, null, "the signature cannot be read: " + e.getMessage());
        }
    }

    private static PGPSignature signature(byte[] armored) throws IOException {
        JcaPGPObjectFactory f = new JcaPGPObjectFactory(PGPUtil.getDecoderStream(new ByteArrayInputStream(armored)));
        Object o = f.nextObject();
        if (o instanceof PGPCompressedData c) {
            try {
                o = new JcaPGPObjectFactory(c.getDataStream()).nextObject();
            } catch (PGPException e) {
                throw new IOException(e.getMessage(), e);
            }
        }
        return o instanceof PGPSignatureList list && !list.isEmpty() ? list.get(0) : null;
    }

    /** The commit as git signed it: its raw bytes without the {@code gpgsig} header and its continuation lines. */
    static byte[] signedPayload(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length);
        int i = 0;
        boolean inHeaders = true;
        boolean skipping = false;
        while (i < raw.length) {
            int end = i;
            while (end < raw.length && raw[end] != '\n') end++;
            int next = Math.min(end + 1, raw.length);
            if (inHeaders) {
                if (end == i) {
                    inHeaders = false; // the blank line before the message
                } else if (skipping && raw[i] == ' ') {
                    i = next;
                    continue;
                } else {
                    skipping = startsWith(raw, i, "gpgsig ") || startsWith(raw, i, "gpgsig-sha256 ");
                    if (skipping) {
                        i = next;
                        continue;
                    }
                }
            }
            out.write(raw, i, next - i);
            i = next;
        }
        return out.toByteArray();
    }

    private static boolean startsWith(byte[] raw, int at, String prefix) {
        if (raw.length - at < prefix.length()) return false;
        for (int k = 0; k < prefix.length(); k++) if (raw[at + k] != prefix.charAt(k)) return false;
        return true;
    }
}
